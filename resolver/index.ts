export {
  ProfileResolver,
  DEFAULT_ERROR_BACKOFF_MS,
  DEFAULT_STALE_IF_ERROR_MS,
  DEFAULT_TTL_MS,
} from "./profile-resolver";
export type { ProfileResolverOptions, ProfileResolverStats } from "./profile-resolver";
export { tagSource, APPLICATION_INFERENCE_PROFILE_RESOURCE_TYPE } from "./tag-source";
export type { TagSourceOptions } from "./tag-source";
export { parameterStoreSource, DEFAULT_PARAMETER_ROOT } from "./parameter-store-source";
export type { ParameterStoreSourceOptions } from "./parameter-store-source";
export type { ProfileRecord, ProfileSource } from "./source";
export { canonicalKey, assertValidSelector, matchesSelector } from "./selector";
export type { Selector } from "./selector";
export { isApplicationInferenceProfileArn } from "./arn";
export {
  AmbiguousProfileError,
  InvalidSelectorError,
  ProfileLookupError,
  ProfileNotFoundError,
  ProfileResolverError,
  formatSelector,
} from "./errors";
