export declare function keptByGoogleProtobuf(key: string): boolean;
