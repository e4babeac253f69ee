/** The provider id of username-and-password keys. */
export const USERNAME_PROVIDER_ID = 'username';

/**
 * Returns the provider user id for a username: its lowercase form, so one name
 * in any letter case is one key and `Alice` blocks `alice`.
 */
export function toProviderUserId(username: string): string {
  return username.toLowerCase();
}
