// `[id=uuid]`: a route whose id is not a uuid does not match at all, so a malformed address is the ordinary
// Chinese 404 page and no load or action has to check its own id.
import type { ParamMatcher } from '@sveltejs/kit';
import { isUuid } from '$lib/uuid';

export const match: ParamMatcher = (param) => isUuid(param);
