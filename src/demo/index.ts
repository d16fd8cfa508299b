// The synthetic-data generator's public face: the demo city, the generator, and the My Number check digit.
export { demoCity } from './demo-city.ts';
export { benefitFiscalYear, fileNames, generateDemoData, type DemoMunicipality, type GenerateOptions, type GenerateResult } from './generate.ts';
export { isValidMyNumber, myNumberCheckDigit, syntheticMyNumberPrefix } from './my-number.ts';
