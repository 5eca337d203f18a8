"""One notion of 'inside a code fence' for rendering and validation: the scanner's."""

from __future__ import annotations

from paved.generator.core.markdown_structure import outside_fences
from paved.generator.core.render.body import defang
from paved.generator.core.validate.rules.unsafe_html import visible_lines

TEXT = """intro <b>
```html
<script>alert(1)</script>
~~~
still code
````
after <script>x</script>
~~~~
```
inside tilde fence
~~~~~
end
"""


def test_prose_lines_are_those_outside_any_fence() -> None:
    prose = [line for _, line, live in outside_fences(TEXT) if live]
    # As superfences renders it: neither ~~~ nor a longer ```` closes the ``` fence, the
    # bare ``` on line 9 does; "~~~~~" then opens nothing (no closing fence follows).
    assert prose == ["intro <b>", "inside tilde fence", "~~~~~", "end", ""]


def test_renderer_and_validator_agree_on_what_is_code() -> None:
    visible = [line for _, line in visible_lines(TEXT)]
    assert "inside tilde fence" in visible
    assert not any("script" in line for line in visible)
    rendered = defang(TEXT)
    assert "<script>alert(1)</script>" in rendered  # code is left exactly as written
    assert "after <script>x</script>" in rendered
    assert defang("after <script>x</script>") != "after <script>x</script>"  # prose is not
