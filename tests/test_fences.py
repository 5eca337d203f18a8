"""One notion of 'inside a code fence' for rendering and validation."""

from __future__ import annotations

from paved.generator.core.fences import outside_fences
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
    prose = [line for _, line, is_prose in outside_fences(TEXT.split("\n")) if is_prose]
    # a ~~~ does not close a ``` fence; a longer ```` does; ``` inside ~~~~ is code
    assert prose == ["intro <b>", "after <script>x</script>", "end", ""]


def test_renderer_and_validator_agree_on_what_is_code() -> None:
    visible = [line for _, line in visible_lines(TEXT)]
    assert "after <script>x</script>" in visible
    assert not any("alert(1)" in line for line in visible)
    rendered = defang(TEXT)
    assert "<script>alert(1)</script>" in rendered  # code is left exactly as written
    assert "after <script>x</script>" not in rendered  # prose is defanged
