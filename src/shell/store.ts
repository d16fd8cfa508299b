// The shell's SQL: which municipality this deployment serves, and registering one.
import type { Db } from '../platform/db/index.ts';

export interface Municipality {
  code: string;
  nameJa: string;
  nameEn: string;
  prefectureJa: string;
  mayorTitleJa: string;
  isDemo: boolean;
}

/** The municipality a single-tenant deployment serves (the first registered), if any. */
export async function findServedMunicipality(db: Db): Promise<Municipality | undefined> {
  const row = await db.kysely
    .selectFrom('municipality')
    .select(['municipality_code', 'name_ja', 'name_en', 'prefecture_ja', 'mayor_title_ja', 'is_demo'])
    .orderBy('municipality_code')
    .limit(1)
    .executeTakeFirst();
  return row && {
    code: row.municipality_code,
    nameJa: row.name_ja,
    nameEn: row.name_en,
    prefectureJa: row.prefecture_ja,
    mayorTitleJa: row.mayor_title_ja,
    isDemo: row.is_demo,
  };
}

/** Registers a municipality, or updates its names when it exists. */
export async function upsertMunicipality(db: Db, m: Municipality): Promise<void> {
  await db.kysely
    .insertInto('municipality')
    .values({
      municipality_code: m.code,
      name_ja: m.nameJa,
      name_en: m.nameEn,
      prefecture_ja: m.prefectureJa,
      mayor_title_ja: m.mayorTitleJa,
      is_demo: m.isDemo,
    })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet((eb) => ({
      name_ja: eb.ref('excluded.name_ja'),
      name_en: eb.ref('excluded.name_en'),
      prefecture_ja: eb.ref('excluded.prefecture_ja'),
      mayor_title_ja: eb.ref('excluded.mayor_title_ja'),
    })))
    .execute();
}
