package broken

import "C"

func good(p *C.char) {
	C.free(p)
}

func bad() {
	x := (1 +
}

func after() int { return 1 }
