// Profiles: name → zone file → profile token → verified profile (GET /v1/users/{name}).
export { ProfileLookupError, resolveProfile, type ProfileFetchOptions } from './resolve-profile.js';
export { usersRoute } from './users-route.js';
export { didRoute } from './did-route.js';
