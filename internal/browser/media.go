package browser

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// SetColorScheme makes the page see prefers-color-scheme as scheme ("dark" or
// "light"), to look at a page in dark mode.
func (t *Tab) SetColorScheme(scheme string) error {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	act := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
	if err := chromedp.Do(ctx, act); err != nil {
		return fmt.Errorf("set color scheme %s: %w", scheme, err)
	}
	return nil
}
