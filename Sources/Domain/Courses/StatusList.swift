import Foundation

/// A W3C Bitstring Status List for revocation: bit `i` (most significant bit of byte 0 is
/// index 0) is set when the credential with `statusListIndex` i is revoked. The list is
/// GZIP-compressed and written as multibase base64url (`u…`), as the specification asks.
/// The GZIP stream uses stored (uncompressed) deflate blocks: valid for every inflater,
/// with no compression library needed; the list is 16 KB either way.
public enum StatusList {
    /// The specification's minimum: 131,072 entries (16 KB), so a list does not tell how
    /// many credentials an issuer has.
    public static let minimumEntries = 131_072

    public static func encodedList(revoked: Set<Int>, entries: Int = minimumEntries) -> String {
        var bits = [UInt8](repeating: 0, count: max(entries, minimumEntries) / 8)
        for index in revoked where index >= 0 && index / 8 < bits.count {
            bits[index / 8] |= 0x80 >> UInt8(index % 8)
        }
        return "u" + Base64URL.encode(gzip(bits))
    }

    /// GZIP (RFC 1952) of `data` with stored deflate blocks (RFC 1951, BTYPE 00).
    public static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let last = offset + length >= data.count
            out.append(last ? 1 : 0)
            out += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8((~length >> 8) & 0xff)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        let crc = crc32(data)
        out += [UInt8(crc & 0xff), UInt8((crc >> 8) & 0xff), UInt8((crc >> 16) & 0xff), UInt8(crc >> 24)]
        let size = UInt32(truncatingIfNeeded: data.count)
        out += [UInt8(size & 0xff), UInt8((size >> 8) & 0xff), UInt8((size >> 16) & 0xff), UInt8(size >> 24)]
        return out
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
