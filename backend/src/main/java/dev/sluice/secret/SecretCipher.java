package dev.sluice.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per value. The workspace and secret name are authenticated data, so a
 * ciphertext copied to another row or workspace does not decrypt. Stored as base64 of nonce + ciphertext + tag.
 */
final class SecretCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private SecretCipher() {
    }

    static String encrypt(SecretKey key, String workspace, String name, byte[] value) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(workspace, name));
            byte[] sealed = cipher.doFinal(value);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    static byte[] decrypt(SecretKey key, String workspace, String name, String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(aad(workspace, name));
            return cipher.doFinal(all, NONCE, all.length - NONCE);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret '" + name + "' of " + workspace
                    + " does not decrypt: it was changed, or belongs elsewhere", e);
        }
    }

    private static byte[] aad(String workspace, String name) {
        return ("sluice-secret-1\u0000" + workspace + "\u0000" + name).getBytes(StandardCharsets.UTF_8);
    }
}
