/**
 * serverless-esbuild plugin (custom.esbuild.plugins): resolves `claimdesk:web-assets` to the dashboard built
 * from web/src by web/build.mjs, so the `web` function always carries the matching assets, in
 * serverless-offline and in `serverless package` alike, with no build step to forget.
 */
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const webAssets = {
  name: 'claimdesk-web-assets',
  setup(build) {
    build.onResolve({ filter: /^claimdesk:web-assets$/ }, () => ({ path: 'web-assets', namespace: 'claimdesk-web' }));
    build.onLoad({ filter: /.*/, namespace: 'claimdesk-web' }, async () => {
      const { buildWeb } = await import(pathToFileURL(join(__dirname, 'build.mjs')).href);
      const { assets, inputs } = await buildWeb();
      return { contents: `export default ${JSON.stringify(assets)};`, loader: 'js', watchFiles: inputs };
    });
  },
};

module.exports = [webAssets];
