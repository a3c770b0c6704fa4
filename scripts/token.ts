/** npm run --silent token -- --sub NAME --roles ROLE[,ROLE] [--expires 12h]: prints a token for the local secret. */
import { parseArgs } from 'node:util';
import { mintToken, ROLES, secretKey } from '../lib/auth.js';
import { localSecret } from './local/secret.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    roles: { type: 'string', default: '' },
    expires: { type: 'string', default: '12h' },
  },
});
if (!values.sub) {
  process.stderr.write('usage: npm run --silent token -- --sub NAME --roles editor,reviewer[,admin] [--expires 12h]\n');
  process.exit(2);
}
const roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
if (unknown.length) {
  process.stderr.write(`unknown role(s): ${unknown.join(', ')}; roles are ${ROLES.join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(`${await mintToken(secretKey(localSecret()), { sub: values.sub, roles, expiresIn: values.expires })}\n`);
