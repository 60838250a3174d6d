/** One candidate profile: its ARN and the tags it can be selected by. */
export interface ProfileRecord {
  arn: string;
  tags: Record<string, string>;
}

/**
 * Where profiles are looked up. Implementations return the records whose tags
 * match every entry of the selector; the resolver re-checks tags and ARN shape,
 * so a source that over-returns cannot make it pick the wrong profile.
 */
export interface ProfileSource {
  lookup(selector: Record<string, string>): Promise<ProfileRecord[]>;
}
