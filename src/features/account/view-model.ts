import type { User } from 'lucia';

/** The fields of a user that the account page shows. */
export type AccountView = Readonly<{ userId: string; username: string }>;

export function toAccountView(user: User): AccountView {
  return { userId: user.userId, username: user.username };
}
