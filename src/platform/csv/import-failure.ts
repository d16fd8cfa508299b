// Why an import that was not rejected for its lines failed, as a console page tells an administrator: the error's
// own message when it is the caller's to fix, else a plain "our side" sentence; never internals.
import { AppError } from '../errors.ts';

export function importFailure(e: unknown): [ja: string, en: string] {
  if (e instanceof AppError && e.status < 500) return [e.localized('ja'), e.localized('en')];
  return ['取込中にシステムで問題が発生しました。時間をおいて、もう一度取り込んでください。', 'Something went wrong on our side during the import. Please import again later.'];
}
