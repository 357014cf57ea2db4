/// A logo someone uploads (a network's, shown on the certificates it issues), checked by its
/// bytes and never by its name or the type the browser claims: only PNG and JPEG, whose
/// signatures and size fields are read here, within limits that keep a page light.
///
/// The checks, in the order a person would want to hear them:
/// - not empty, at most `maxBytes` (200 KB: a logo, not a photograph);
/// - a PNG (the 8-byte signature, then an `IHDR` chunk first, RFC 2083 / ISO 15948) or a
///   JPEG (SOI `FF D8 FF`, then the first start-of-frame marker, ITU T.81 Annex B);
/// - between 32 and 2,000 pixels a side, so it reads on a certificate and stays small.
public struct LogoImage: Sendable, Equatable {
    public enum Format: String, Sendable { case png, jpeg }

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLarge(bytes: Int)
        case notAnImage
        case dimensions(width: Int, height: Int)
    }

    public static let maxBytes = 200 * 1024
    public static let minSide = 32
    public static let maxSide = 2000

    public var format: Format
    public var width: Int
    public var height: Int

    public var contentType: String { format == .png ? "image/png" : "image/jpeg" }

    public static func check(_ bytes: [UInt8]) throws(Problem) -> LogoImage {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes: bytes.count) }
        guard let image = png(bytes) ?? jpeg(bytes) else { throw .notAnImage }
        guard (minSide...maxSide).contains(image.width), (minSide...maxSide).contains(image.height) else {
            throw .dimensions(width: image.width, height: image.height)
        }
        return image
    }

    private static func png(_ b: [UInt8]) -> LogoImage? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Signature, IHDR's length (13), its type, then width and height (big-endian).
        guard b.count >= 33, Array(b[0..<8]) == signature, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        return LogoImage(format: .png, width: Int(be32(b, 16)), height: Int(be32(b, 20)))
    }

    private static func jpeg(_ b: [UInt8]) -> LogoImage? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF else { return nil }
        var i = 2
        // Walk the segments (each FF, a marker, a 2-byte length that counts itself) to the
        // first start of frame: SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC).
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill bytes
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }  // no length
            if marker == 0xD9 || marker == 0xDA { return nil }  // end of image or scan before any frame
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                // Length, precision, then height and width.
                let height = Int(b[i + 5]) << 8 | Int(b[i + 6])
                let width = Int(b[i + 7]) << 8 | Int(b[i + 8])
                return LogoImage(format: .jpeg, width: width, height: height)
            }
            i += 2 + length
        }
        return nil
    }

    /// `bytes` (already `check`ed) without what a file may say about whoever made it: PNG
    /// text, time and EXIF chunks and any other ancillary chunk not about drawing the image;
    /// JPEG APP segments but JFIF (APP0), the colour profile (APP2) and Adobe's (APP14), and
    /// comments. The logo is public, and a camera's or editor's metadata (a place, a name, a
    /// device) must not be published with it. Nil when the file's structure does not hold.
    public static func withoutMetadata(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.first == 0x89 ? pngWithoutMetadata(bytes) : jpegWithoutMetadata(bytes)
    }

    private static func pngWithoutMetadata(_ b: [UInt8]) -> [UInt8]? {
        // Critical chunks, and the ancillary ones that change how the pixels look.
        let kept: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD"]
        var out = Array(b[0..<8])
        var i = 8
        while i + 12 <= b.count {
            let length = Int(be32(b, i))
            guard length <= b.count - i - 12 else { return nil }
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            let end = i + 12 + length
            if kept.contains(type) { out += b[i..<end] }
            i = end
            if type == "IEND" { return out }
        }
        return nil
    }

    private static func jpegWithoutMetadata(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 1 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { out += [0xFF, marker]; i += 2; continue }
            guard i + 3 < b.count else { return nil }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { return nil }
            if marker == 0xDA {
                // The scan and everything after it: the image itself.
                return out + b[i...]
            }
            let dropped = marker == 0xFE || ((0xE1...0xEF).contains(marker) && marker != 0xE2 && marker != 0xEE)
            if !dropped { out += b[i..<(i + 2 + length)] }
            i += 2 + length
        }
        return nil
    }

    private static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
