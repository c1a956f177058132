package sweep

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// SbatchOptions shape the job-array script of a planned sweep.
type SbatchOptions struct {
	Binary string // the delaylab executable the tasks run (absolute path)
	Limit  int    // tasks running at once (the %LIMIT of --array; 0: no limit)
	Time   string // wall time per task, sbatch --time form (e.g. 2:00:00)
	Mem    string // memory per task, sbatch --mem form (e.g. 1G)
	// Extra sbatch options, one per line without "#SBATCH" (a partition,
	// an account).
	Extra []string
}

// SbatchScript is the job-array script that trains every cell of plan p
// in dir (absolute): one task per cell, one CPU each, logs under
// dir/logs. A task that Slurm requeues after preemption finds its cell
// done or starts it again from scratch; nothing half-written stays.
func SbatchScript(dir string, p Plan, o SbatchOptions) string {
	n := len(p.Cells())
	array := fmt.Sprintf("0-%d", n-1)
	if o.Limit > 0 {
		array += "%" + strconv.Itoa(o.Limit)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/bash\n")
	fmt.Fprintf(&b, "# A DelayLab sweep of %d cells (plan %s), one array task per cell.\n", n, p.ID)
	fmt.Fprintf(&b, "# Submit: sbatch %s\n", filepath.Join(dir, "sweep.sbatch"))
	fmt.Fprintf(&b, "# Merge:  %s sweep -merge %s\n", o.Binary, dir)
	fmt.Fprintf(&b, "#SBATCH --job-name=delaylab-sweep\n")
	fmt.Fprintf(&b, "#SBATCH --array=%s\n", array)
	fmt.Fprintf(&b, "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n")
	fmt.Fprintf(&b, "#SBATCH --time=%s\n#SBATCH --mem=%s\n", o.Time, o.Mem)
	fmt.Fprintf(&b, "#SBATCH --output=%s\n", filepath.Join(dir, logsDir, "%A_%a.out"))
	fmt.Fprintf(&b, "#SBATCH --requeue\n")
	for _, e := range o.Extra {
		fmt.Fprintf(&b, "#SBATCH %s\n", e)
	}
	fmt.Fprintf(&b, "exec %s sweep -task \"$SLURM_ARRAY_TASK_ID\" -dir %s\n", shellQuote(o.Binary), shellQuote(dir))
	return b.String()
}

// shellQuote quotes s for bash.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// WriteSbatch writes SbatchScript to dir/sweep.sbatch and returns its path.
func WriteSbatch(dir string, p Plan, o SbatchOptions) (string, error) {
	path := filepath.Join(dir, "sweep.sbatch")
	return path, writeAtomic(path, []byte(SbatchScript(dir, p, o)))
}
