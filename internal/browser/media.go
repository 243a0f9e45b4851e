package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// EmulateMedia makes the tab's style sheets see media type ("print", "screen", or
// "" for the tab's own) and, when scheme is "light" or "dark", that colour scheme
// preference. It lasts until the next call, across pages.
func (t *Tab) EmulateMedia(media, scheme string) error {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	p := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	_, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
	})
	if err != nil {
		return fmt.Errorf("emulate media %q %q: %w", media, scheme, err)
	}
	return nil
}
