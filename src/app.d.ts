// Lucia v2 reads its types from this global namespace.
/// <reference types="lucia" />
declare namespace Lucia {
  type Auth = import('./auth/lucia.js').Auth;
  type DatabaseUserAttributes = {
    username: string;
  };
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- sessions carry no attributes yet
  type DatabaseSessionAttributes = {};
}
