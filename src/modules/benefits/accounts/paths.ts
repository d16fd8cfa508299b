// The accounts' console addresses.

/** 公金受取口座: the query file to download and the result file to upload. */
export const ACCOUNTS_PATH = '/console/benefits/accounts';

/** Where a console page may send the staff member back to: a benefits console address, nothing else. */
export function safeBack(back: string | undefined): string | undefined {
  return back && /^\/console\/benefits(\/[A-Za-z0-9_\-./]*)?(\?[A-Za-z0-9_\-.=&%]*)?$/.test(back) && !back.includes('//') ? back : undefined;
}

export const accountPaths = {
  /** The query file (②) of a programme. */
  query: (programmeId: string, again: boolean, encoding: 'sjis' | 'utf8') =>
    `${ACCOUNTS_PATH}/query.csv?${new URLSearchParams({ programme: programmeId, ...(again ? { again: '1' } : {}), encoding }).toString()}`,
  /** The result file (③) upload. */
  results: `${ACCOUNTS_PATH}/results`,
  /** A person's accounts and the entry and correction form; `back` is where the page links back to. */
  person: (residentNumber: string, back?: string) => `${ACCOUNTS_PATH}/people/${residentNumber}${back ? `?${new URLSearchParams({ back }).toString()}` : ''}`,
  /** Shows one account's full number (POST). */
  reveal: (residentNumber: string) => `${ACCOUNTS_PATH}/people/${residentNumber}/reveal`,
};
