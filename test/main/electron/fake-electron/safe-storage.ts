// Fake `safeStorage`: can be made unavailable (then it throws, like Electron) and can pretend to any backend.

/** A reversible stand-in for OS encryption whose output never contains the plaintext. */
const FAKE_CIPHER_PREFIX = Buffer.from('v10');
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!this.available)
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    const bytes = Buffer.from(plainText, 'utf8').map((byte, i) => byte ^ ((0x5a + i) % 256));
    return Buffer.concat([FAKE_CIPHER_PREFIX, bytes]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available)
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    if (!encrypted.subarray(0, 3).equals(FAKE_CIPHER_PREFIX))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((byte, i) => byte ^ ((0x5a + i) % 256))).toString('utf8');
  },
};

export function resetSafeStorage(): void {
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
}
