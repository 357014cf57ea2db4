/// What the one sanitiser writes, checked by hand, for every example of the CommonMark
/// specification (Resources/commonmark-spec.txt) whose HTML it changes (issue 15, point 3).
///
/// The rules the entries follow, which is what to check when one changes:
/// - Raw HTML never comes out. cmark's safe mode replaces each HTML block, and each inline
///   tag, comment, processing instruction, declaration or CDATA section, with the fixed
///   comment `<!-- raw HTML omitted -->` (the only comment ever written; none of the
///   author's text goes into it).
/// - An HTML block is omitted whole, with the lines the specification puts inside it, even
///   when they look like Markdown (`*hello*` in 150): CommonMark says they are part of the
///   block, so they are not the author's text. The Markdown around it renders as usual.
/// - An inline tag is omitted alone: the text between an opening and a closing tag is
///   Markdown text and stays, escaped (`<del>*foo*</del>` keeps `<em>foo</em>`, 168).
/// - What CommonMark does not read as HTML (`<33>`, `<a h*#ref="hi">`, a comment with `--`
///   inside, code) is text, so it is shown with `<`, `>`, `&` and `"` escaped.
/// - A link or image whose destination is not relative or `http`, `https`, `mailto` or
///   `tel` keeps its text and gets `href=""`.
/// Each entry's comment is the example's Markdown (⏎ a line break, → a tab, … cut short).
enum SanitisedSpec {
    /// "HTML blocks", examples 148–191: all 44 have raw HTML, so every one is listed.
    static let htmlBlocks: [Int: String] = [
        // <table><tr><td>⏎<pre>⏎**Hello**,⏎⏎_world_.⏎</pre>⏎</td></tr></table>
        148: "<!-- raw HTML omitted -->\n<p><em>world</em>.\n<!-- raw HTML omitted --></p>\n<!-- raw HTML omitted -->\n",
        // <table>⏎  <tr>⏎    <td>⏎           hi⏎    </td>⏎  </tr>⏎</table>⏎⏎okay.
        149: "<!-- raw HTML omitted -->\n<p>okay.</p>\n",
        //  <div>⏎  *hello*⏎         <foo><a>
        150: "<!-- raw HTML omitted -->\n",
        // </div>⏎*foo*
        151: "<!-- raw HTML omitted -->\n",
        // <DIV CLASS="foo">⏎⏎*Markdown*⏎⏎</DIV>
        152: "<!-- raw HTML omitted -->\n<p><em>Markdown</em></p>\n<!-- raw HTML omitted -->\n",
        // <div id="foo"⏎  class="bar">⏎</div>
        153: "<!-- raw HTML omitted -->\n",
        // <div id="foo" class="bar⏎  baz">⏎</div>
        154: "<!-- raw HTML omitted -->\n",
        // <div>⏎*foo*⏎⏎*bar*
        155: "<!-- raw HTML omitted -->\n<p><em>bar</em></p>\n",
        // <div id="foo"⏎*hi*
        156: "<!-- raw HTML omitted -->\n",
        // <div class⏎foo
        157: "<!-- raw HTML omitted -->\n",
        // <div *???-&&&-<---⏎*foo*
        158: "<!-- raw HTML omitted -->\n",
        // <div><a href="bar">*foo*</a></div>
        159: "<!-- raw HTML omitted -->\n",
        // <table><tr><td>⏎foo⏎</td></tr></table>
        160: "<!-- raw HTML omitted -->\n",
        // <div></div>⏎``` c⏎int x = 33;⏎```
        161: "<!-- raw HTML omitted -->\n",
        // <a href="foo">⏎*bar*⏎</a>
        162: "<!-- raw HTML omitted -->\n",
        // <Warning>⏎*bar*⏎</Warning>
        163: "<!-- raw HTML omitted -->\n",
        // <i class="foo">⏎*bar*⏎</i>
        164: "<!-- raw HTML omitted -->\n",
        // </ins>⏎*bar*
        165: "<!-- raw HTML omitted -->\n",
        // <del>⏎*foo*⏎</del>
        166: "<!-- raw HTML omitted -->\n",
        // <del>⏎⏎*foo*⏎⏎</del>
        167: "<!-- raw HTML omitted -->\n<p><em>foo</em></p>\n<!-- raw HTML omitted -->\n",
        // <del>*foo*</del>
        168: "<p><!-- raw HTML omitted --><em>foo</em><!-- raw HTML omitted --></p>\n",
        // <pre language="haskell"><code>⏎import Text.HTML.TagSoup⏎⏎main :: IO ()⏎main = print $ parseTags…
        169: "<!-- raw HTML omitted -->\n<p>okay</p>\n",
        // <script type="text/javascript">⏎// JavaScript example⏎⏎document.getElementById("demo").innerHTM…
        170: "<!-- raw HTML omitted -->\n<p>okay</p>\n",
        // <textarea>⏎⏎*foo*⏎⏎_bar_⏎⏎</textarea>
        171: "<!-- raw HTML omitted -->\n",
        // <style⏎  type="text/css">⏎h1 {color:red;}⏎⏎p {color:blue;}⏎</style>⏎okay
        172: "<!-- raw HTML omitted -->\n<p>okay</p>\n",
        // <style⏎  type="text/css">⏎⏎foo
        173: "<!-- raw HTML omitted -->\n",
        // > <div>⏎> foo⏎⏎bar
        174: "<blockquote>\n<!-- raw HTML omitted -->\n</blockquote>\n<p>bar</p>\n",
        // - <div>⏎- foo
        175: "<ul>\n<li>\n<!-- raw HTML omitted -->\n</li>\n<li>foo</li>\n</ul>\n",
        // <style>p{color:red;}</style>⏎*foo*
        176: "<!-- raw HTML omitted -->\n<p><em>foo</em></p>\n",
        // <!-- foo -->*bar*⏎*baz*
        177: "<!-- raw HTML omitted -->\n<p><em>baz</em></p>\n",
        // <script>⏎foo⏎</script>1. *bar*
        178: "<!-- raw HTML omitted -->\n",
        // <!-- Foo⏎⏎bar⏎   baz -->⏎okay
        179: "<!-- raw HTML omitted -->\n<p>okay</p>\n",
        // <?php⏎⏎  echo '>';⏎⏎?>⏎okay
        180: "<!-- raw HTML omitted -->\n<p>okay</p>\n",
        // <!DOCTYPE html>
        181: "<!-- raw HTML omitted -->\n",
        // <![CDATA[⏎function matchwo(a,b)⏎{⏎  if (a < b && a < 0) then {⏎    return 1;⏎⏎  } else {⏎⏎    r…
        182: "<!-- raw HTML omitted -->\n<p>okay</p>\n",
        //   <!-- foo -->⏎⏎    <!-- foo -->
        183: "<!-- raw HTML omitted -->\n<pre><code>&lt;!-- foo --&gt;\n</code></pre>\n",
        //   <div>⏎⏎    <div>
        184: "<!-- raw HTML omitted -->\n<pre><code>&lt;div&gt;\n</code></pre>\n",
        // Foo⏎<div>⏎bar⏎</div>
        185: "<p>Foo</p>\n<!-- raw HTML omitted -->\n",
        // <div>⏎bar⏎</div>⏎*foo*
        186: "<!-- raw HTML omitted -->\n",
        // Foo⏎<a href="bar">⏎baz
        187: "<p>Foo\n<!-- raw HTML omitted -->\nbaz</p>\n",
        // <div>⏎⏎*Emphasized* text.⏎⏎</div>
        188: "<!-- raw HTML omitted -->\n<p><em>Emphasized</em> text.</p>\n<!-- raw HTML omitted -->\n",
        // <div>⏎*Emphasized* text.⏎</div>
        189: "<!-- raw HTML omitted -->\n",
        // <table>⏎⏎<tr>⏎⏎<td>⏎Hi⏎</td>⏎⏎</tr>⏎⏎</table>
        190: "<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n",
        // <table>⏎⏎  <tr>⏎⏎    <td>⏎      Hi⏎    </td>⏎⏎  </tr>⏎⏎</table>
        191:
            "<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n<pre><code>&lt;td&gt;\n  Hi\n&lt;/td&gt;\n</code></pre>\n<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n",
    ]
}
