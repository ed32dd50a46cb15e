package decrypt

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"math/big"
)

// padding completes a password to 32 bytes (PDF 32000-1, 7.6.3.3).
var padding = []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")

// errPassword means the empty user password does not open the file.
var errPassword = errors.New("a password is needed to open it")

// security is the standard security handler's dictionary.
type security struct {
	V, R, Length    int
	P               uint32
	O, U, OE, UE    []byte
	EncryptMetadata bool
	StmAES, StrAES  bool // AESV2/AESV3 rather than RC4 (V 4 and 5)
	StmNone         bool // streams use the Identity filter
	StrNone         bool // strings use the Identity filter
}

// fileKey computes the file's key from the empty user password, or
// errPassword when the empty password is not the user password.
func (s *security) fileKey(id0 []byte) ([]byte, error) {
	if s.R >= 5 {
		return s.keyAES256()
	}
	n := s.Length / 8
	if s.R == 2 {
		n = 5
	}
	if n < 5 || n > 16 {
		return nil, fmt.Errorf("a %d-bit key", s.Length)
	}
	// Algorithm 2 with the empty password: the padding alone.
	h := md5.New()
	h.Write(padding)
	h.Write(s.O)
	h.Write([]byte{byte(s.P), byte(s.P >> 8), byte(s.P >> 16), byte(s.P >> 24)})
	h.Write(id0)
	if s.R >= 4 && !s.EncryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if s.R >= 3 {
		for range 50 {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]
	// Algorithm 6: the key must reproduce U.
	var u []byte
	if s.R == 2 {
		u = rc4XOR(key, padding)
		if !bytes.Equal(u, s.U[:min(32, len(s.U))]) {
			return nil, errPassword
		}
		return key, nil
	}
	sum := md5.Sum(append(append([]byte{}, padding...), id0...))
	u = sum[:]
	for i := range 20 {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		u = rc4XOR(k, u)
	}
	if len(s.U) < 16 || !bytes.Equal(u, s.U[:16]) {
		return nil, errPassword
	}
	return key, nil
}

// keyAES256 is algorithm 2.A with the empty password (R 5 and 6).
func (s *security) keyAES256() ([]byte, error) {
	if len(s.U) < 48 || len(s.UE) < 32 {
		return nil, errors.New("short /U or /UE")
	}
	if !bytes.Equal(s.hash(nil, s.U[32:40]), s.U[:32]) {
		return nil, errPassword
	}
	block, err := aes.NewCipher(s.hash(nil, s.U[40:48]))
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, s.UE[:32])
	return key, nil
}

// hash is the password hash of R 5 (SHA-256) and R 6 (algorithm 2.B), for
// the user password (no /U data mixed in).
func (s *security) hash(password, salt []byte) []byte {
	sum := sha256.Sum256(append(append([]byte{}, password...), salt...))
	k := sum[:]
	if s.R == 5 {
		return k
	}
	for round := 1; ; round++ {
		k1 := bytes.Repeat(append(append([]byte{}, password...), k...), 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		var h hash.Hash
		switch new(big.Int).Mod(new(big.Int).SetBytes(e[:16]), big.NewInt(3)).Int64() {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		k = h.Sum(nil)
		if round >= 64 && int(e[len(e)-1]) <= round-32 {
			return k[:32]
		}
	}
}

// objectKey is the key of one object's strings and streams (algorithm 1);
// AES-256 uses the file key itself.
func (s *security) objectKey(fileKey []byte, num, gen int, aesKey bool) []byte {
	if s.V >= 5 {
		return fileKey
	}
	h := md5.New()
	h.Write(fileKey)
	h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
	if aesKey {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(fileKey)+5, 16)]
}

// open decrypts data of one string or stream.
func open(key, data []byte, aesData bool) ([]byte, error) {
	if !aesData {
		return rc4XOR(key, data), nil
	}
	if len(data) < 32 || len(data)%16 != 0 {
		return nil, fmt.Errorf("AES data of %d bytes", len(data))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(data)-16)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
	pad := int(out[len(out)-1])
	if pad < 1 || pad > 16 || pad > len(out) {
		return nil, errors.New("bad AES padding")
	}
	return out[:len(out)-pad], nil
}

func rc4XOR(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return data
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}
