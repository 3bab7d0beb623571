import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { looksLikeHtml, plainTextToHtml, sanitizeBodyInput } from './sanitize.js';

describe('a body field as a form sends it', () => {
  test('plain text typed without the editor keeps its paragraphs, one a line', () => {
    assert.equal(sanitizeBodyInput('第一条　为了规范管理，制定本办法。\r\n第二条　本办法自发布之日起施行。'), '<p>第一条　为了规范管理，制定本办法。</p>\n<p>第二条　本办法自发布之日起施行。</p>');
  });

  test('with blank lines, a blank line ends a paragraph and a single break stays a line break', () => {
    assert.equal(plainTextToHtml('各区人民政府：\n\n现将有关事项通知如下。\n\n江宁市人民政府办公室\n2026年3月1日\n'), '<p>各区人民政府：</p>\n<p>现将有关事项通知如下。</p>\n<p>江宁市人民政府办公室<br>2026年3月1日</p>');
  });

  test('plain text with angle brackets is text, not markup', () => {
    assert.equal(looksLikeHtml('年龄 <18 岁且收入 > 3000 元'), false);
    assert.equal(looksLikeHtml('《条例》〔2022〕'), false);
    assert.equal(sanitizeBodyInput('年龄 <18 岁 & 收入 > 3000 元'), '<p>年龄 &lt;18 岁 &amp; 收入 &gt; 3000 元</p>');
    assert.equal(sanitizeBodyInput('<script>alert(1)</script>正文'), '正文', 'a tag makes it HTML, and the sanitizer drops the script');
  });

  test('HTML is recognised by its tags and sanitized as before', () => {
    for (const s of ['<p>一</p>', '一<br>二', '一<br/>二', '<o:p></o:p>', '<!--StartFragment-->x', '<td>x</td>']) assert.ok(looksLikeHtml(s), s);
    assert.equal(sanitizeBodyInput('<p onclick="x()">一<span data-redact="15">张三</span></p>'), '<p>一<span data-redact="15">张三</span></p>');
  });

  test('HTML pasted from Word keeps paragraphs, bold and the table, and loses styles, fonts, classes and Office markup', () => {
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal {font-family:宋体;} --></style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment--><p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>第一段，关于做好就业补贴工作。<o:p></o:p></span></p>
<p class=MsoNormal><b><span lang=EN-US style='font-family:黑体'>第二段</span></b><span style='font-family:仿宋'>加粗在前。</span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'><tr style='mso-yfti-irow:0'><td width=277 valign=top style='width:207.4pt;border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:仿宋'>姓名<o:p></o:p></span></p></td><td width=277><p class=MsoNormal>金额</p></td></tr><tr><td><p class=MsoNormal>张三</p></td><td><p class=MsoNormal>1500</p></td></tr></table>
<p class=MsoNormal><font face="宋体" color="red">第三段</font></p><!--EndFragment--></body></html>`;
    const out = sanitizeBodyInput(word);
    assert.equal(
      out.replace(/\n/g, ''),
      '<p>第一段，关于做好就业补贴工作。</p><p><b>第二段</b>加粗在前。</p><table><tr><td><p>姓名</p></td><td><p>金额</p></td></tr><tr><td><p>张三</p></td><td><p>1500</p></td></tr></table><p>第三段</p>',
    );
    assert.doesNotMatch(out, /style|class|mso|<o:p|<span|<font|WordDocument/);
  });
});
