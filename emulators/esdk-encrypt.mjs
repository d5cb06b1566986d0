// Encrypts a code the way Cognito does, with the JavaScript Encryption SDK: a KMS keyring, the
// non-committing suite AES-256-GCM/HKDF-SHA384/ECDSA-P384, `userpool-id` in the encryption
// context. Prints the base64 ciphertext.
//
//   node esdk-encrypt.mjs KEY_ARN POOL_ID PLAINTEXT ENDPOINT_URL
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  KmsKeyringNode,
} from "@aws-crypto/client-node";
import { KMS } from "@aws-sdk/client-kms";

const [keyArn, poolId, plaintext, endpoint] = process.argv.slice(2);
const region = keyArn.split(":")[3];
const { encrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
const keyring = new KmsKeyringNode({
  generatorKeyId: keyArn,
  clientProvider: () =>
    new KMS({ region, endpoint, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
});
const { result } = await encrypt(keyring, plaintext, {
  encryptionContext: { "userpool-id": poolId },
  suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384,
});
console.log(Buffer.from(result).toString("base64"));
