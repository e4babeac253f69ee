import { createCredentialsParser, type CredentialRules } from '../../http/credentials.js';

export const SIGNUP_RULES: CredentialRules = {
  username: { min: 4, max: 31 },
  password: { min: 6, max: 255 },
};

export const parseSignup = createCredentialsParser(SIGNUP_RULES);
