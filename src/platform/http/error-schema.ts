// The one error shape of every API answer that is not a success, as OpenAPI documents it (error-handler.ts sends it).
export const errorShape = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
} as const;
