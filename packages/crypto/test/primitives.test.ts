import { describe, expect, it } from 'vitest';
import {
  b40ToBytes, bytesToB40, bytesToHex, compressPublicKey, decodeAddress, decompressPublicKey, doubleSha256,
  getAddressFromDID, getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, hash128, hash160,
  makeDIDFromAddress, publicKeyToAddress, publicKeyToP2WPKHAddress, decodeSegwitAddress, signECDSA,
  verifyECDSA, zonefileHash, addressToNetwork, privateKeyToBytes, InvalidInputError, isValidAddress,
  scriptToP2SHAddress, changeAddressVersion,
} from '@bsk/crypto';

// auth-and-storage.md §9.1
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const PUB_UNCOMPRESSED = '047d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69ed9010da54848f314ed0f5abcdca2ef89032f6a2c97900728504e2e20e1b8f36';

describe('keys and addresses (§9.1)', () => {
  it('derives the compressed and uncompressed public keys', () => {
    expect(getPublicKeyFromPrivate(PRIV)).toBe(PUB);
    expect(getPublicKeyFromPrivate(PRIV + '01')).toBe(PUB);
    expect(getUncompressedPublicKeyFromPrivate(PRIV)).toBe(PUB_UNCOMPRESSED);
    expect(decompressPublicKey(PUB)).toBe(PUB_UNCOMPRESSED);
    expect(compressPublicKey(PUB_UNCOMPRESSED)).toBe(PUB);
  });
  it('gives the addresses of both key forms', () => {
    expect(publicKeyToAddress(PUB)).toBe('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U');
    expect(publicKeyToAddress(PUB_UNCOMPRESSED)).toBe('19T6UBMaQXCeDEdzQk2pQxrdsjkTJrjX5b');
    expect(makeDIDFromAddress('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U')).toBe('did:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U');
    expect(getAddressFromDID('DID:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U')).toBe('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U');
    expect(getAddressFromDID('did:ecdsa-pub:' + PUB)).toBeNull();
    expect(getAddressFromDID('did:btc-addr:a:b')).toBeNull();
  });
  it('re-encodes for testnet and regtest and decodes back', () => {
    const testnet = addressToNetwork('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U', 'testnet');
    expect(testnet.startsWith('m') || testnet.startsWith('n')).toBe(true);
    expect(decodeAddress(testnet)).toEqual({ version: 0x6f, hash: decodeAddress('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U').hash });
    expect(addressToNetwork(testnet, 'mainnet')).toBe('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U');
    expect(changeAddressVersion('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U', 63).startsWith('S')).toBe(true);
  });
  it('makes P2SH and bech32 P2WPKH addresses (BIP173 vector)', () => {
    const bip173Key = '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
    expect(publicKeyToP2WPKHAddress(bip173Key)).toBe('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(publicKeyToP2WPKHAddress(bip173Key, 'testnet')).toBe('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx');
    expect(decodeSegwitAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4').program).toBe('751e76e8199196d454941c45d1b3a323f1433bd6');
    // 1-of-1 multisig redeem script of the generator point; P2SH version 5 gives a '3' address.
    expect(scriptToP2SHAddress('5121' + bip173Key + '51ae').startsWith('3')).toBe(true);
  });
  it('rejects bad keys and addresses with typed errors', () => {
    expect(() => privateKeyToBytes('zz')).toThrow(InvalidInputError);
    expect(() => privateKeyToBytes(PRIV + '02')).toThrow(InvalidInputError);
    expect(() => privateKeyToBytes('00'.repeat(32))).toThrow(InvalidInputError);
    expect(isValidAddress('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8V')).toBe(false);
    expect(() => decodeAddress('0OIl')).toThrow(InvalidInputError);
  });
});

describe('hashes and base-40 (bns.md §2)', () => {
  it('matches the b40 vectors', () => {
    const cases: [string, string][] = [['muneeb.id', '87b0059d8e5d'], ['id', '02dd'], ['jude.id', '12d7d16c5d'], ['a.id', '0ab45d'], ['0a.id', '0ab45d'], ['', '00']];
    for (const [input, hex] of cases) expect(bytesToHex(b40ToBytes(input))).toBe(hex);
    const charset = '0123456789abcdefghijklmnopqrstuvwxyz-_.+';
    expect(bytesToHex(b40ToBytes(charset.repeat(5))).startsWith('384a516059e707615a1992d3101f6f346df3326d')).toBe(true);
    expect(bytesToB40(b40ToBytes('muneeb.id'))).toBe('muneeb.id');
    expect(() => b40ToBytes('Muneeb.id')).toThrow(InvalidInputError);
  });
  it('matches the hash vectors', () => {
    expect(bytesToHex(hash160('1234'))).toBe('fd7a0d80999bedd76c9a0828057817fc6049a507');
    expect(bytesToHex(hash128('999'))).toBe('83cf8b609de60036a8277bd0e9613575');
    expect(bytesToHex(hash128('muneeb.id'))).toBe('deb7fe99776122b77925cbf0a24ab6f8');
    expect(bytesToHex(doubleSha256(''))).toBe('5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456');
    expect(zonefileHash('$ORIGIN muneeb.id\n$TTL 3600\n_http._tcp URI 10 1 "https://gaia.blockstack.org/hub/1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs/0/profile.json"\n')).toBe('37aecf837c6ae9bdc9dbd98a268f263dacd00361');
  });
});

describe('ECDSA (§9.3)', () => {
  it('reproduces the low-S reference signature byte for byte', () => {
    const content = 'all work and no play makes jack a dull boy';
    expect(signECDSA(PRIV, content)).toEqual({
      signature: '3044022023b742aff15d1b2ee47b7bb5ff8b1c9e4627201c627f6ae7995f5e00b82e2b380220715a14dc988c549e72cf06660c850c623aa56b9a35e0bb452a8b6410e39137fe',
      publicKey: PUB,
    });
  });
  it('verifies the high-S reference signature and our low-S one', () => {
    const highS = '304502200e00aa5aa8162c72965ecb2aa3d26b6451d623aca8a5d1c512b56efd82626732022100bc67527483413b182951e01cc1856d81f3e59a3999f77b2e28ad218a4d621243';
    expect(verifyECDSA('hello, gaia', PUB, highS)).toBe(true);
    const ours = signECDSA(PRIV, 'hello, gaia');
    expect(ours.signature).not.toBe(highS);
    expect(verifyECDSA('hello, gaia', PUB, ours.signature)).toBe(true);
    expect(verifyECDSA('hello, gaia!', PUB, ours.signature)).toBe(false);
    expect(verifyECDSA('hello, gaia', PUB, 'nothex')).toBe(false);
    expect(verifyECDSA('hello, gaia', 'nothex', ours.signature)).toBe(false);
  });
});
