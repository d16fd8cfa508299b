// The notice above a console page's content: an error (role=alert) or a confirmation (role=status).
export type PageNotice = { kind: 'error' | 'done'; text: string };

export function Notice({ notice }: { notice: PageNotice | undefined }) {
  if (!notice) return '';
  return notice.kind === 'error'
    ? <p class="notice notice-error" role="alert" safe>{notice.text}</p>
    : <p class="notice" role="status" safe>{notice.text}</p>;
}
