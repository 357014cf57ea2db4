import Testing

@testable import Domain

/// A logo is checked by its bytes: PNG and JPEG only, their sizes read from the file.
struct LogoImageTests {
    /// The first bytes of a PNG `width` × `height` (signature and IHDR: all the check reads).
    static func png(_ width: UInt32, _ height: UInt32) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    /// A JPEG's opening: SOI, an APP0 (JFIF) segment, a comment, then SOF0 `width` × `height`.
    static func jpeg(_ width: Int, _ height: Int, frame: UInt8 = 0xC0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let comment: [UInt8] = [0xFF, 0xFE, 0x00, 0x05] + Array("hi!".utf8)
        let sof: [UInt8] =
            [0xFF, frame, 0x00, 0x11, 8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3]
            + Array(repeating: 0, count: 9)
        return [0xFF, 0xD8] + app0 + comment + sof + [0xFF, 0xD9]
    }

    @Test("A PNG and a JPEG are read with their sizes; a progressive JPEG too")
    func accepted() throws {
        #expect(try LogoImage.check(Self.png(400, 120)) == LogoImage(format: .png, width: 400, height: 120))
        #expect(try LogoImage.check(Self.jpeg(640, 480)) == LogoImage(format: .jpeg, width: 640, height: 480))
        #expect(try LogoImage.check(Self.jpeg(300, 300, frame: 0xC2)).format == .jpeg)
        #expect(try LogoImage.check(Self.png(32, 2000)).contentType == "image/png")
    }

    @Test("Empty, too large, not PNG or JPEG (an SVG, a GIF, text named .png), or a size out of range: each refused for its reason")
    func refused() {
        #expect(throws: LogoImage.Problem.empty) { try LogoImage.check([]) }
        #expect(throws: LogoImage.Problem.tooLarge(bytes: 200 * 1024 + 1)) {
            try LogoImage.check(Self.png(100, 100) + Array(repeating: 0, count: 200 * 1024 + 1 - 33))
        }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array("just some text, renamed logo.png".utf8)) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array(Self.png(100, 100).prefix(20))) }
        // A JPEG whose scan starts before any frame, and one cut short, are no image.
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xFF, 0xD9]) }
        #expect(throws: LogoImage.Problem.notAnImage) { try LogoImage.check(Array(Self.jpeg(64, 64).prefix(30))) }
        #expect(throws: LogoImage.Problem.dimensions(width: 16, height: 16)) { try LogoImage.check(Self.png(16, 16)) }
        #expect(throws: LogoImage.Problem.dimensions(width: 5000, height: 100)) { try LogoImage.check(Self.jpeg(5000, 100)) }
        #expect(throws: LogoImage.Problem.dimensions(width: 100, height: 2001)) { try LogoImage.check(Self.png(100, 2001)) }
    }
    @Test("What a file says about who made it is left out: PNG text and EXIF chunks, JPEG EXIF/XMP segments and comments; the image stays")
    func metadataStripped() throws {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = UInt32(data.count)
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let text = Array("Author\u{0}Jane Doe, Riga".utf8)
        let png =
            Self.png(64, 64) + chunk("tEXt", text) + chunk("eXIf", [1, 2, 3])
            + chunk("IDAT", [9, 9, 9]) + chunk("IEND", [])
        let cleanPNG = try #require(LogoImage.withoutMetadata(png))
        #expect(!String(decoding: cleanPNG, as: UTF8.self).contains("Jane Doe"))
        #expect(!String(decoding: cleanPNG, as: UTF8.self).contains("eXIf"))
        #expect(cleanPNG.count == png.count - (12 + text.count) - (12 + 3))
        #expect(try LogoImage.check(cleanPNG) == LogoImage(format: .png, width: 64, height: 64))

        let exif: [UInt8] = [0xFF, 0xE1, 0x00, 0x12] + Array("Exif\u{0}\u{0}GPS 56.95N".utf8)
        let jpeg = Array(Self.jpeg(100, 50).dropLast(2)) + exif + [0xFF, 0xDA, 0x00, 0x04, 1, 2] + [7, 7, 7, 0xFF, 0xD9]
        let withExifFirst = [0xFF, 0xD8] + exif + Array(jpeg.dropFirst(2))
        let cleanJPEG = try #require(LogoImage.withoutMetadata(withExifFirst))
        #expect(!String(decoding: cleanJPEG, as: UTF8.self).contains("GPS") && !String(decoding: cleanJPEG, as: UTF8.self).contains("hi!"))
        #expect(String(decoding: cleanJPEG, as: UTF8.self).contains("JFIF"), "JFIF kept")
        #expect(Array(cleanJPEG.suffix(5)) == [7, 7, 7, 0xFF, 0xD9], "the scan is kept whole")
        #expect(try LogoImage.check(cleanJPEG) == LogoImage(format: .jpeg, width: 100, height: 50))
        // A structure that does not hold is no image to keep.
        #expect(LogoImage.withoutMetadata(Self.png(64, 64) + [0, 0, 0xFF, 0xFF]) == nil)
        #expect(LogoImage.withoutMetadata([0xFF, 0xD8, 0xFF, 0xE1, 0x7F, 0xFF, 1]) == nil)
    }
}
