/** Header names are case-insensitive (API Gateway lower-cases them, serverless-offline keeps the client's case). */
export function lowerCaseHeaders(headers: Record<string, string | undefined> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined && value !== null) out[name.toLowerCase()] = value;
  return out;
}
