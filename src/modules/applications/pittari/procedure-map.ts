// Which of our procedures an application from ぴったりサービス is for. The national portal names its procedures by its
// own 手続ID; this table maps those the municipality publishes there to our procedure ids. A code that is not in the
// table is taken as our own procedure id when one exists (bundles the municipality prepares itself, and tests).

/** ぴったりサービス 手続ID → our procedure id, for the procedures shipped in procedures/. */
export const pittariProcedureMap: Readonly<Record<string, string>> = {
  // 所得・課税証明書の交付申請
  'pittari-tax-certificate': 'tax-certificate',
  // 水道の開栓・閉栓届
  'pittari-water-open-close': 'water-open-close',
  // 講座・イベント申込
  'pittari-course-event': 'course-event',
  // 妊娠の届出
  'pittari-pregnancy-notification': 'pregnancy-notification',
  // 留守家庭児童育成室 入室申請
  'pittari-after-school-care': 'after-school-care',
};

/** Our procedure id for a ぴったり 手続ID: the table's, else the code itself (checked against the procedures by the caller). */
export function ourProcedureId(code: string, map: Readonly<Record<string, string>> = pittariProcedureMap): string {
  return Object.hasOwn(map, code) ? map[code]! : code;
}
