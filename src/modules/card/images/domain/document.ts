// 帳票イメージ (seed 001 (7)): the categories a scanned document is filed under, how long each is kept, and how a
// stored image is turned for display. Pure rules, no I/O.

type Bilingual = { ja: string; en: string };

/** 業務区分: the business the document was received for. */
export const businessCategories = {
  application: { ja: '申請', en: 'Application' },
  issuance: { ja: '交付', en: 'Issue' },
  renewal: { ja: '電子証明書更新', en: 'Certificate renewal' },
  other: { ja: 'その他', en: 'Other' },
} as const satisfies Record<string, Bilingual>;

export type BusinessCategory = keyof typeof businessCategories;

/**
 * 資料区分 and the default 保存年限 of each, in years after the end of the document's fiscal year: the application
 * form is kept as long as the card record (15 years, 事務処理要領); identity copies no longer than the checks they served.
 */
export const documentCategories = {
  application_form: { ja: '交付申請書', en: 'Application form', defaultYears: 15 },
  notice_reply: { ja: '交付通知書（回答書）', en: 'Issue notice (reply)', defaultYears: 15 },
  proxy_document: { ja: '委任状等代理人関係書類', en: 'Proxy documents', defaultYears: 15 },
  identity_document: { ja: '本人確認書類', en: 'Identity document', defaultYears: 5 },
  other: { ja: 'その他', en: 'Other', defaultYears: 5 },
} as const satisfies Record<string, Bilingual & { defaultYears: number }>;

export type DocumentCategory = keyof typeof documentCategories;

export const isBusinessCategory = (s: string): s is BusinessCategory => Object.hasOwn(businessCategories, s);
export const isDocumentCategory = (s: string): s is DocumentCategory => Object.hasOwn(documentCategories, s);

/** 回転角度: degrees clockwise. */
export const rotations = [0, 90, 180, 270] as const;
export type Rotation = (typeof rotations)[number];

export const isRotation = (n: number): n is Rotation => (rotations as readonly number[]).includes(n);

/** The rotation after turning a quarter clockwise (`right`) or anticlockwise (`left`). */
export function turned(r: Rotation, direction: 'left' | 'right'): Rotation {
  return ((r + (direction === 'right' ? 90 : 270)) % 360) as Rotation;
}

/** 年度 of a day (YYYY-MM-DD): April to March. */
export function fiscalYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

/** The first day past retention: kept `years` after the end of the fiscal year (31 March of fiscalYear + 1). */
export function retentionEndsOn(fiscalYear: number, years: number): string {
  return `${String(fiscalYear + 1 + years).padStart(4, '0')}-04-01`;
}

/** The years each category is kept: the defaults, with the municipality's own where it set one. */
export function retentionYears(overrides: Partial<Record<DocumentCategory, number>>): Record<DocumentCategory, number> {
  const out = {} as Record<DocumentCategory, number>;
  for (const [c, d] of Object.entries(documentCategories) as Array<[DocumentCategory, (typeof documentCategories)[DocumentCategory]]>) {
    out[c] = overrides[c] ?? d.defaultYears;
  }
  return out;
}

/** How the viewer draws an image of width × height turned by `rotation`: the box it fills and the SVG transform. */
export function rotatedView(width: number, height: number, rotation: Rotation): { width: number; height: number; transform: string } {
  switch (rotation) {
    case 0: return { width, height, transform: '' };
    case 90: return { width: height, height: width, transform: `translate(${height} 0) rotate(90)` };
    case 180: return { width, height, transform: `translate(${width} ${height}) rotate(180)` };
    case 270: return { width: height, height: width, transform: `translate(0 ${width}) rotate(270)` };
  }
}
