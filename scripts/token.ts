/**
 * npm run --silent token -- --sub NAME --roles ROLE[,ROLE] [--expires 12h] [--issuer ISS] [--audience AUD]
 * Prints a token signed with the current key (and its kid) of CLAIMDESK_JWT_SECRET, or of the local secret.
 */
import { parseArgs } from 'node:util';
import { mintToken, ROLES } from '../lib/auth.js';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../lib/config.js';
import { parseKeyring } from '../lib/keys.js';
import { localSecret } from './local/secret.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    roles: { type: 'string', default: '' },
    expires: { type: 'string', default: '12h' },
    issuer: { type: 'string', default: process.env.TOKEN_ISSUER || LOCAL_TOKEN_ISSUER },
    audience: { type: 'string', default: process.env.TOKEN_AUDIENCE || LOCAL_TOKEN_AUDIENCE },
  },
});
if (!values.sub) {
  process.stderr.write('usage: npm run --silent token -- --sub NAME --roles editor,reviewer[,admin] [--expires 12h] [--issuer ISS] [--audience AUD]\n');
  process.exit(2);
}
const roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
if (unknown.length) {
  process.stderr.write(`unknown role(s): ${unknown.join(', ')}; roles are ${ROLES.join(', ')}\n`);
  process.exit(2);
}
const { current } = parseKeyring(localSecret());
const token = await mintToken(current, { sub: values.sub, roles, expiresIn: values.expires, issuer: values.issuer, audience: values.audience });
process.stdout.write(`${token}\n`);
