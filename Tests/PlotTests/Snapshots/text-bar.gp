# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced mono
set output
$rlnb_1 << EOD
"MathVerse" 0.62
"MathVista" 0.48
"We-Math" 0.71
EOD
set title "Benchmarks"
set key top right opaque
set xrange [-0.6:2.6]
set yrange [0:*]
plot $rlnb_1 using ($0 + 0):2:(0.8):xtic(1) with boxes lt 1 fs solid 0.6 title "accuracy"
set output
undefine $rlnb_1
