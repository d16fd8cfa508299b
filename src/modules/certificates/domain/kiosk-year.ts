// Kiosks offer one fiscal year (課税年度): the new one from the day its figures are final (early June, when the
// 税額決定通知 goes out), the previous one before that. The switch day is a setting per municipality (MM-DD).

/** The fiscal year a kiosk offers on `today` (YYYY-MM-DD), given the switch day `MM-DD`. */
export function kioskFiscalYear(today: string, switchDay: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= switchDay ? year : year - 1;
}
