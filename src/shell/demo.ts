// The demo city: a fictional municipality (見本市) loaded into an empty database so a newcomer sees a working system.
import type { Db } from '../platform/db/index.ts';
import { demoCity } from '../demo/demo-city.ts';
import { upsertMunicipality } from './store.ts';

/** Registers the demo city. Modules load their demo records in their own loaders as they arrive. */
export async function loadDemoMunicipality(db: Db): Promise<void> {
  await upsertMunicipality(db, {
    code: demoCity.code,
    nameJa: demoCity.nameJa,
    nameEn: demoCity.nameEn,
    prefectureJa: demoCity.prefectureJa,
    mayorTitleJa: demoCity.mayorTitleJa,
    isDemo: true,
  });
}
