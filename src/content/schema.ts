/**
 * The content schema lives beside the flows that read it (flows/content.ts), so that imports run one way, from
 * src/ to flows/; src/ reads it through here.
 */
export * from '../../flows/content';
