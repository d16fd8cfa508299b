// The version from package.json, shown in the API docs and --version.
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
/** madoguchi's version. */
export const version: string = pkg.version;
