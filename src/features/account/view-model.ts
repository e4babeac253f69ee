import type { User } from 'lucia';

/** What the account page shows of a user. */
export type AccountView = Readonly<{ userId: string; username: string }>;

export function toAccountView(user: User): AccountView {
  return { userId: user.userId, username: user.username };
}
