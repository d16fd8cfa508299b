// API 仕様: the OpenAPI document rendered as a page, with no script and nothing from another host.
import { t } from '../../platform/http/language.ts';
import { ConsoleLayout } from '../../platform/ui/layout.tsx';
import type { PageContext } from './page-context.ts';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses?: Record<string, { description?: string }>;
}
export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

/** The API reference page: every operation with its parameters and answers. */
export function ApiDocs(ctx: PageContext & { doc: OpenApiDoc }) {
  const { lang, doc } = ctx;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <ConsoleLayout {...ctx} title={t(lang, 'API 仕様', 'API reference')}>
      <h1 safe>{`${doc.info.title} ${doc.info.version}`}</h1>
      <p safe>{doc.info.description ?? ''}</p>
      <p>
        <a href="/api/openapi.json" safe>{t(lang, 'OpenAPI 3 定義 (JSON)', 'OpenAPI 3 document (JSON)')}</a>
      </p>
      {operations.map(({ path, method, op }) => (
        <section class="api-operation">
          <h2><code safe>{`${method} ${path}`}</code></h2>
          <p safe>{op.summary ?? ''}</p>
          {op.parameters?.length ? (
            <ul>{op.parameters.map((p) => <li safe>{`${p.name} (${p.in}${p.required ? ', required' : ''})`}</li>)}</ul>
          ) : ''}
          <ul>{Object.entries(op.responses ?? {}).map(([code, r]) => <li safe>{`${code}: ${r.description ?? ''}`}</li>)}</ul>
        </section>
      ))}
    </ConsoleLayout>
  );
}
