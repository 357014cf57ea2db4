/// The rest of `SanitisedSpec` (see SanitisedSpecExamples.swift for the rules).
extension SanitisedSpec {
    /// "Raw HTML", examples 612–632: all 21 are listed, those that CommonMark does not read
    /// as HTML (617–621, 623, 625, 626, 632) too, to show that they come out as escaped text.
    static let rawHTML: [Int: String] = [
        // <a><bab><c2c>
        612: "<p><!-- raw HTML omitted --><!-- raw HTML omitted --><!-- raw HTML omitted --></p>\n",
        // <a/><b2/>
        613: "<p><!-- raw HTML omitted --><!-- raw HTML omitted --></p>\n",
        // <a  /><b2⏎data="foo" >
        614: "<p><!-- raw HTML omitted --><!-- raw HTML omitted --></p>\n",
        // <a foo="bar" bam = 'baz <em>"</em>'⏎_boolean zoop:33=zoop:33 />
        615: "<p><!-- raw HTML omitted --></p>\n",
        // Foo <responsive-image src="foo.jpg" />
        616: "<p>Foo <!-- raw HTML omitted --></p>\n",
        // <33> <__>
        617: "<p>&lt;33&gt; &lt;__&gt;</p>\n",
        // <a h*#ref="hi">
        618: "<p>&lt;a h*#ref=&quot;hi&quot;&gt;</p>\n",
        // <a href="hi'> <a href=hi'>
        619: "<p>&lt;a href=&quot;hi'&gt; &lt;a href=hi'&gt;</p>\n",
        // < a><⏎foo><bar/ >⏎<foo bar=baz⏎bim!bop />
        620: "<p>&lt; a&gt;&lt;\nfoo&gt;&lt;bar/ &gt;\n&lt;foo bar=baz\nbim!bop /&gt;</p>\n",
        // <a href='bar'title=title>
        621: "<p>&lt;a href='bar'title=title&gt;</p>\n",
        // </a></foo >
        622: "<p><!-- raw HTML omitted --><!-- raw HTML omitted --></p>\n",
        // </a href="foo">
        623: "<p>&lt;/a href=&quot;foo&quot;&gt;</p>\n",
        // foo <!-- this is a⏎comment - with hyphen -->
        624: "<p>foo <!-- raw HTML omitted --></p>\n",
        // foo <!-- not a comment -- two hyphens -->
        625: "<p>foo &lt;!-- not a comment -- two hyphens --&gt;</p>\n",
        // foo <!--> foo -->⏎⏎foo <!-- foo--->
        626: "<p>foo &lt;!--&gt; foo --&gt;</p>\n<p>foo &lt;!-- foo---&gt;</p>\n",
        // foo <?php echo $a; ?>
        627: "<p>foo <!-- raw HTML omitted --></p>\n",
        // foo <!ELEMENT br EMPTY>
        628: "<p>foo <!-- raw HTML omitted --></p>\n",
        // foo <![CDATA[>&<]]>
        629: "<p>foo <!-- raw HTML omitted --></p>\n",
        // foo <a href="&ouml;">
        630: "<p>foo <!-- raw HTML omitted --></p>\n",
        // foo <a href="\*">
        631: "<p>foo <!-- raw HTML omitted --></p>\n",
        // <a href="\"">
        632: "<p>&lt;a href=&quot;&quot;&quot;&gt;</p>\n",
    ]

    /// The examples of the other sections that the sanitiser changes: a raw HTML tag used to
    /// show another construct, or a link to a scheme outside the allowlist. Every other
    /// example of those sections renders exactly as the specification says.
    /// 499's `foo):` is a relative path to a browser (`)` cannot be in a scheme), so
    /// emptying it is stricter than needed: the allowlist takes whatever comes before the
    /// first colon as a scheme unless a `/`, `?` or `#` comes first, and a false alarm only
    /// costs an author a link, never lets a script through.
    static let otherSections: [Int: String] = [
        // <a href="/bar\/)">
        21: "<!-- raw HTML omitted -->\n",
        // <a href="&ouml;&ouml;.html">
        31: "<!-- raw HTML omitted -->\n",
        // [foo]: <bar>(baz)⏎⏎[foo]
        201: "<p>[foo]: <!-- raw HTML omitted -->(baz)</p>\n<p>[foo]</p>\n",
        // - foo⏎- bar⏎⏎<!-- -->⏎⏎- baz⏎- bim
        308: "<ul>\n<li>foo</li>\n<li>bar</li>\n</ul>\n<!-- raw HTML omitted -->\n<ul>\n<li>baz</li>\n<li>bim</li>\n</ul>\n",
        // -   foo⏎⏎    notcode⏎⏎-   foo⏎⏎<!-- -->⏎⏎    code
        309: "<ul>\n<li>\n<p>foo</p>\n<p>notcode</p>\n</li>\n<li>\n<p>foo</p>\n</li>\n</ul>\n<!-- raw HTML omitted -->\n<pre><code>code\n</code></pre>\n",
        // <a href="`">`
        344: "<p><!-- raw HTML omitted -->`</p>\n",
        // *<img src="foo" title="*"/>
        474: "<p>*<!-- raw HTML omitted --></p>\n",
        // **<a href="**">
        475: "<p>**<!-- raw HTML omitted --></p>\n",
        // __<a href="__">
        476: "<p>__<!-- raw HTML omitted --></p>\n",
        // [link](<foo⏎bar>)
        490: "<p>[link](<!-- raw HTML omitted -->)</p>\n",
        // [a](<b)c⏎[a](<b)c>⏎[a](<b>c)
        493: "<p>[a](&lt;b)c\n[a](&lt;b)c&gt;\n[a](<!-- raw HTML omitted -->c)</p>\n",
        // [link](foo\)\:)
        499: "<p><a href=\"\">link</a></p>\n",
        // [foo <bar attr="](baz)">
        523: "<p>[foo <!-- raw HTML omitted --></p>\n",
        // [foo <bar attr="][ref]">⏎⏎[ref]: /uri
        535: "<p>[foo <!-- raw HTML omitted --></p>\n",
        // <irc://foo.bar:2233/baz>
        595: "<p><a href=\"\">irc://foo.bar:2233/baz</a></p>\n",
        // <a+b+c:d>
        597: "<p><a href=\"\">a+b+c:d</a></p>\n",
        // <made-up-scheme://foo,bar>
        598: "<p><a href=\"\">made-up-scheme://foo,bar</a></p>\n",
        // <localhost:5001/foo>
        600: "<p><a href=\"\">localhost:5001/foo</a></p>\n",
        // <a href="foo  ⏎bar">
        642: "<p><!-- raw HTML omitted --></p>\n",
        // <a href="foo\⏎bar">
        643: "<p><!-- raw HTML omitted --></p>\n",
    ]

    /// Every written-down output, by example number.
    static var all: [Int: String] { htmlBlocks.merging(rawHTML) { a, _ in a }.merging(otherSections) { a, _ in a } }
}
