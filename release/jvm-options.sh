# The JVM options of a logdex run, shared by ./logdex (from a clone) and bin/logdex (the release tarball), which
# source this file. Nothing here runs a JVM but to make the class archive, once: a run's fixed cost is what these
# options are about. So each function sets variables instead of printing what a caller would capture: every
# $(...) is a process, and a process costs about 3 ms on this machine before the JVM starts.
#
#   logdex_java                  sets java, the java to run: $LOGDEX_JAVA, else $JAVA_HOME/bin/java, else java
#   logdex_java_major JAVA       sets java_major, its feature version (17, 25), from the JDK's release file; 0
#                                when unknown
#   logdex_default_options       sets the array default_opts: the options a run gets unless LOGDEX_JAVA_OPTS
#                                gives others
#   logdex_run_options           sets the array opts: LOGDEX_JAVA_OPTS split at spaces, or default_opts
#   logdex_jit_options ARG...    sets the array jit_opts: C1 only for a run over small inputs, and one compiler
#                                thread for the smallest; with both compilers, none of C2's time on the parser
#                                (see below)
#   logdex_archive_options JAVA JAR BASE SAMPLE
#                                sets the array archive_opts: the options that map the archive of JAR's classes
#                                for that java (BASE-java17.jsa, BASE-java25.aot), made first when it is missing or
#                                older than JAR, by an analysis of the sample in the folder SAMPLE run with the
#                                array opts (logdex_run_options first)
#   logdex_tty_options           sets the array ttys: which of standard output and error are terminals

logdex_java() {
  if [ -n "${LOGDEX_JAVA:-}" ]; then
    java="$LOGDEX_JAVA"
  elif [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
  else
    java=java
  fi
}

logdex_java_major() {
  # Shell built-ins but for one readlink, where the java found is a link (as /usr/bin/java is).
  local path="" dir release line dirs
  java_major=0
  case "$1" in
    */*) path="$1" ;;
    *)
      IFS=: read -ra dirs <<< "$PATH"
      for dir in "${dirs[@]}"; do
        if [ -f "${dir:-.}/$1" ] && [ -x "${dir:-.}/$1" ]; then
          path="${dir:-.}/$1"
          break
        fi
      done
      ;;
  esac
  [ -n "$path" ] || return 0
  if [ -L "$path" ]; then
    path="$(readlink -f "$path" 2>/dev/null || echo "$path")"
  fi
  release="${path%/*/*}/release" # JDK/bin/java -> JDK/release
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=\"[0-9]*)
          line="${line#JAVA_VERSION=\"}"
          java_major="${line%%[!0-9]*}"
          break
          ;;
      esac
    done < "$release"
  fi
}

logdex_run_options() {
  if [ -n "${LOGDEX_JAVA_OPTS:-}" ]; then
    read -ra opts <<< "$LOGDEX_JAVA_OPTS"
  else
    logdex_default_options
    opts=("${default_opts[@]}")
  fi
}

# Below this many MB of input (a gzipped file counted eight times its size), the run uses the client compiler
# only: a day's log of one server is parsed and added up before the server compiler's work would pay back, and
# that compiler competes with the analysis for the machine's cores. benchmarks/side-by-side.sh (the LOGDEX_JIT
# rows) measured C1 alone 20-25% faster at 0.1 and 50 MB and 7-10% at 200 MB, and 15-30% slower at 500 MB, on
# this 2-core machine. Since C2 spares the parser (below), the two cross earlier: alternating runs, medians of
# three, C1 alone against both: 120 MB slow log 3.39 against 4.29 s, 160 MB 3.78 against 4.31 s (PostgreSQL 4.43
# against 4.35 s), 200 MB 4.49 against 4.54 s (PostgreSQL 5.10 against 4.56 s). Standard input, whose size is
# unknown, gets both compilers. LOGDEX_JIT=c1 or full decides.
logdex_c1_below_mb=200
# Below this many KB the client compiler gets one thread, not two: a run this short spends about half its CPU time
# compiling (async-profiler on a 0.1 MB slow log: 517 of 1107 ms), and a second compiler thread takes the core the
# reader and the parsers need before its code pays back. Alternating runs: the 100 KB corpus slow log 600 -> 548 ms,
# the generated 0.1 MB one 734 -> 669 ms (medians); no difference at 2 and 10 MB, 2% slower at 50 MB.
logdex_one_compiler_below_kb=1024

# With both compilers (large inputs), the server compiler leaves alone what runs once per statement class or once
# per lambda: Calcite's parser (a few thousand parses in a day's log, most of them before a compile would be
# done) and the JDK's ASM (it spins lambda and method-handle classes). A node limit of 100 makes C2 give up on
# such a method at once, and the tiered policy compiles it with C1 instead. JFR on the 1 GB generated logs: C2
# spent 0.55 s on Calcite and 0.55 s on ASM of about 5 s; with the limit, 11 ms. Alternating runs, medians of
# three: 1 GB slow log 16.5 -> 16.1 s of CPU (9.48 -> 9.30 s), 1 GB PostgreSQL log 18.5 -> 17.6 s (10.51 ->
# 10.22 s). A compiler directives file (c2: {Exclude: true}) does the same, but the JVM prints "1 compiler
# directives added" on every run; "quiet" silences these commands.
logdex_c2_spares=(-XX:CompileCommand=quiet "-XX:CompileCommand=MaxNodeLimit,org/apache/calcite/*.*,100"
  "-XX:CompileCommand=MaxNodeLimit,jdk/internal/org/objectweb/asm/*.*,100")

logdex_jit_options() {
  jit_opts=()
  local mode="${LOGDEX_JIT:-auto}" total=0 size arg files=() gzipped=()
  if [ "$mode" = auto ]; then
    mode=c1
    for arg in "$@"; do
      if [ "$arg" = - ]; then
        mode=full
        break
      fi
      if [ -f "$arg" ]; then
        files+=("$arg")
        case "$arg" in *.gz|*.gzip) gzipped+=(8) ;; *) gzipped+=(1) ;; esac
      fi
    done
    if [ "$mode" != full ] && [ ${#files[@]} -gt 0 ]; then
      local i=0 sizes=()
      sizes=($(stat -c %s -- "${files[@]}" 2>/dev/null || true)) # one process for all the files
      for size in "${sizes[@]}"; do
        total=$((total + size * ${gzipped[i]:-1}))
        i=$((i + 1))
      done
    fi
    [ "$total" -lt $((logdex_c1_below_mb * 1048576)) ] || mode=full
    [ "$mode" = full ] || [ "$total" -ge $((logdex_one_compiler_below_kb * 1024)) ] || mode=c1-one-thread
  fi
  case "$mode" in
    full) jit_opts=("${logdex_c2_spares[@]}") ;;
    c1-one-thread) jit_opts=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1) ;;
    *) jit_opts=(-XX:TieredStopAtLevel=1) ;;
  esac
}

# An archive is made by and for one JVM; another one would not map it. Up to Java 24 it is a dynamic class-data
# archive (AppCDS): the classes an analysis loads, parsed and verified, mapped instead of loaded again. From Java 25
# it is the JVM's AOT cache (JEP 483, 514, 515), which also keeps the classes linked and the training run's method
# profiles: with Java 25 on this machine, alternating runs through the launcher, medians, the 100 KB corpus slow
# log 565 ms with an AppCDS archive against 530 ms with the AOT cache (20 runs each), the 50 MB generated one 1.89
# against 1.81 s (5 each).
# The AOT cache is made in two steps, a training run that records and a run that assembles, both with their
# output discarded: the one-step -XX:AOTCacheOutput prints on standard output, which -Xlog cannot silence.
# The training run is the launcher's own, on the sample, not the user's first run, whose report it would spoil.
logdex_archive_options() {
  local java="$1" jar="$2" base="$3" sample="$4" file tmp made java_major
  local train=(-Dlogdex.cds.training=true -jar "$jar" analyze -q --schema "$sample/schema.sql"
    "$sample/pg_stat_statements.csv")
  archive_opts=()
  [ "${LOGDEX_CDS:-on}" != off ] || return 0
  logdex_java_major "$java"
  if [ "$java_major" -ge 25 ]; then
    file="$base-java$java_major.aot"
  else
    file="$base-java$java_major.jsa"
  fi
  if { [ ! -f "$file" ] || [ "$jar" -nt "$file" ]; } && { [ ! -f "$file.failed" ] || [ "$jar" -nt "$file.failed" ]; }; then
    echo "logdex: preparing the class-data archive (once for this jar and JVM) ..." >&2
    tmp="$file.$$"
    made=false
    case "$file" in
      *.aot)
        if "$java" "${opts[@]}" -Xlog:aot=off -Xlog:cds=off -XX:AOTMode=record -XX:AOTConfiguration="$tmp.conf" \
              "${train[@]}" > /dev/null 2>&1 \
            && "$java" "${opts[@]}" -Xlog:aot=off -Xlog:cds=off -XX:AOTMode=create -XX:AOTConfiguration="$tmp.conf" \
              -XX:AOTCache="$tmp" -jar "$jar" > /dev/null 2>&1; then
          made=true
        fi
        rm -f "$tmp.conf"
        ;;
      *)
        if "$java" "${opts[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="$tmp" "${train[@]}" \
            > /dev/null 2>&1; then
          made=true
        fi
        ;;
    esac
    if [ "$made" = true ] && [ -f "$tmp" ]; then
      mv -f "$tmp" "$file"
    else
      rm -f "$tmp"
      touch "$file.failed" # not again for this build: every run would pay for the attempt
      echo "logdex: no class-data archive (the run on the sample failed); starting without it" >&2
    fi
  fi
  if [ -f "$file" ] && [ ! "$jar" -nt "$file" ]; then
    case "$file" in
      *.aot) archive_opts=(-XX:AOTCache="$file" -Xlog:aot=off -Xlog:cds=off) ;;
      *) archive_opts=(-XX:SharedArchiveFile="$file" -Xlog:cds=off -Xlog:cds+dynamic=off) ;;
    esac
  fi
}

# The parallel collector: logdex is a batch job, throughput over pause times, and it keeps less memory resident.
# Transparent huge pages for the heap where the kernel gives them on request (madvise): a run touches a fresh heap of
# a few hundred MB, and on this virtual machine each 4 KB page's first touch is a fault that costs kernel time.
# In alternating runs the system time halved, and the wall time fell 6-30% on the 100 KB corpus slow log and the 50 MB
# generated one; benchmarks/side-by-side.sh has a row without them at each size. Where the kernel uses them always
# it needs no option, and where never, the JVM would warn on every run.
#
# A young generation of 128 MB: the parallel collector otherwise grows it to a third of the heap for throughput, and
# what young collections promote (batches of events in flight) piles up dead in the old generation until the heap
# is all committed. On the 1 GB generated logs the peak RSS fell from 502-522 to 479-485 MB (PostgreSQL) and from
# 453 to 422 MB (slow log); a full collection there finds about 70 MB live. Times within the noise of this machine.
logdex_default_options() {
  default_opts=(-Xmx512m -Xmn128m -XX:+UseParallelGC)
  local thp=""
  if [ -r /sys/kernel/mm/transparent_hugepage/enabled ]; then
    read -r thp < /sys/kernel/mm/transparent_hugepage/enabled || true
  fi
  case "$thp" in
    *"[madvise]"*) default_opts+=(-XX:+UseTransparentHugePages) ;;
  esac
}

# The JVM can tell only whether it has a console; the shell can tell which streams are terminals: the text report
# fits the terminal's width only on one, and the progress line shows on standard error when that is one.
logdex_tty_options() {
  ttys=(-Dlogdex.stdout.tty=0 -Dlogdex.stderr.tty=0)
  if [ -t 1 ]; then
    ttys[0]=-Dlogdex.stdout.tty=1
  fi
  if [ -t 2 ]; then
    ttys[1]=-Dlogdex.stderr.tty=1
  fi
}
