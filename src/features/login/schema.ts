import { createCredentialsParser, type CredentialRules } from '../../http/credentials.js';

// Looser than sign-up on purpose: a sign-in only needs a non-empty guess, and the
// same upper bounds keep oversized input away from the hash.
export const LOGIN_RULES: CredentialRules = {
  username: { min: 1, max: 31 },
  password: { min: 1, max: 255 },
};

export const parseLogin = createCredentialsParser(LOGIN_RULES);
