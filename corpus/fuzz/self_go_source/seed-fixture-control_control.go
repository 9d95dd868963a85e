package control

import "errors"

type state int

func run(ch chan int, done chan struct{}, v interface{}, s state) (int, error) {
	total := 0
	for i := 0; i < 10; i++ {
		total += i
	}
	for _, x := range []int{1, 2} {
		if x > 1 {
			continue
		}
	}
	select {
	case n := <-ch:
		total = n
	case <-done:
		return 0, errors.New("done")
	default:
	}
	switch s {
	case 0, 1:
		total++
	default:
		total--
	}
	switch t := v.(type) {
	case int:
		total += t
	case string:
		_ = t
	}
	if err := check(total); err != nil {
		return 0, err
	}
	f := func(k int) int { return k * 2 }
	go func() {
		ch <- f(1)
	}()
outer:
	for {
		break outer
	}
	goto end
end:
	return total, nil
}

func check(n int) error { return nil }
