import { parseCredentials, type CredentialRules, type Credentials } from '../../http/credentials.js';

export const SIGNUP_RULES: CredentialRules = {
  username: { min: 4, max: 31 },
  password: { min: 6, max: 255 },
};

export function parseSignup(body: unknown): Credentials {
  return parseCredentials(body, SIGNUP_RULES);
}
