export interface WebAsset {
  type: string;
  body: string;
  immutable: boolean;
}
export function buildWeb(): Promise<{ assets: Record<string, WebAsset>; inputs: string[] }>;
