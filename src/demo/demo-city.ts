// The demo city: fictional. 279994 is well-formed (check digit 4) but assigned to no real municipality.
/** 見本市 (Mihon City), 大阪府: the fictional municipality every demo and test runs as. */
export const demoCity = { code: '279994', nameJa: '見本市', nameEn: 'Mihon City', prefectureJa: '大阪府', mayorTitleJa: '見本市長' } as const;
