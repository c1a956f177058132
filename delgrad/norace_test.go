//go:build !race

package delgrad

const raceBuild = false
