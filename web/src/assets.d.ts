/** The built dashboard, bundled into functions/web.ts by web/esbuild-plugin.cjs. */
declare module 'claimdesk:web-assets' {
  const assets: Record<string, { type: string; body: string; immutable: boolean }>;
  export default assets;
}
