/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The clinic `/` opens when this phone has not used one yet. */
  readonly VITE_DEFAULT_CLINIC?: string;
}
