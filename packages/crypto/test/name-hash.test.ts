import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashName, nameConsensusHash, nameHash128, InvalidInputError } from '@bsk/crypto';

// bns.md §2.2 and §2.3
const SENDER_SCRIPT = '76a914baedbcbf91cbba4f37680b176d055f47228c8d4e88ac';
const REGISTER_ADDRESS = '1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs';

describe('naming hashes', () => {
  it('hash_name of names and namespaces', () => {
    expect(hashName('muneeb.id', SENDER_SCRIPT, REGISTER_ADDRESS)).toBe('e764bfbabab90499a18857b8ee789af255fad871');
    expect(hashName('muneeb.id', SENDER_SCRIPT)).toBe('8a0dfee427985fea45859b472d31a1d2a6b143f3');
    expect(hashName('id', SENDER_SCRIPT, REGISTER_ADDRESS)).toBe('c8cef95b28807e8b728f88aa1f6af587cc9883b6');
  });
  it('name_hash128', () => {
    const vectors: Record<string, string> = {
      'muneeb.id': 'deb7fe99776122b77925cbf0a24ab6f8',
      'ablankstein.id': '943b8e0613d975c05a05ccd5472e2a72',
      'fpenrose.id': '7af28a9834934a0af81a19ee14a45f8e',
      'rahulpradhan.id': 'c55ff9e14c72b2950b14ff10067d7e27',
      'sajithskurup.id': '3fda1c60620c42e1ede385bb246bd5f0',
    };
    for (const [name, hash] of Object.entries(vectors)) expect(nameHash128(name)).toBe(hash);
  });
  it('name_consensus_hash', () => {
    expect(nameConsensusHash('jude.id', '8d8762c37d82360b84cf4d87f32f7754')).toBe('d1062edb9ec9c85ad1aca6d37f2f5793');
  });
  it('rejects names outside the base-40 alphabet with a typed error, never anything else', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        try {
          expect(hashName(name, SENDER_SCRIPT, REGISTER_ADDRESS)).toMatch(/^[0-9a-f]{40}$/);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
    );
  });
});
