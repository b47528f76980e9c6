;; Unreduced (binaryen translate-to-fuzz, seed 4007716 on 3d4cc44): the export
;; "hashMemory" traps "memory access out of bounds" natively, Weft returns 0x11
;; (baseline, optimized, flat). Present at b00c208, 9ca34f3, 3d4cc44; absent at
;; 10a4837: most likely the pending-operand family (the code keeps values on the
;; operand stack across instructions). Binaryen rewrites that code through locals,
;; after which the mismatch disappears, so wasm-reduce cannot reduce it.
;; Run: pnpm fuzz --run tools/fuzz/repros/ttf-4007716-unreduced.wat --seed 4007716
(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func (result f32 f32 i32)))
  (type (;2;) (func (param i32)))
  (type (;3;) (func (param i64)))
  (type (;4;) (func (param f32)))
  (type (;5;) (func (param f64)))
  (type (;6;) (func (param v128)))
  (type (;7;) (func))
  (import "fuzzing-support" "log-i32" (func (;0;) (type 2)))
  (import "fuzzing-support" "log-i64" (func (;1;) (type 3)))
  (import "fuzzing-support" "log-f32" (func (;2;) (type 4)))
  (import "fuzzing-support" "log-f64" (func (;3;) (type 5)))
  (import "fuzzing-support" "log-v128" (func (;4;) (type 6)))
  (func (;5;) (type 0) (result i32)
    (local i32 i32)
    block  ;; label = @1
      global.get 16
      i32.eqz
      if  ;; label = @2
        i32.const 15961
        return
      end
      global.get 16
      i32.const 1
      i32.sub
      global.set 16
    end
    block (result i32)  ;; label = @1
      i32.const 5381
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      i64.const 4294967295
      i32.const -4
      f64.const -0x1p+49 (;=-5.6295e+14;)
      f32.const 0x1p+34 (;=1.71799e+10;)
      drop
      drop
      local.set 1
      drop
      local.get 1
      if (result i32)  ;; label = @2
        block (result i32)  ;; label = @3
          loop  ;; label = @4
            block  ;; label = @5
              global.get 16
              i32.eqz
              if  ;; label = @6
                i32.const -2147483647
                return
              end
              global.get 16
              i32.const 1
              i32.sub
              global.set 16
            end
            block  ;; label = @5
              nop
              i32.const -67108864
              i32.eqz
              if  ;; label = @6
                nop
                nop
              else
                block  ;; label = @7
                  nop
                  loop  ;; label = @8
                    block  ;; label = @9
                      global.get 16
                      i32.eqz
                      if  ;; label = @10
                        i32.const 134217729
                        return
                      end
                      global.get 16
                      i32.const 1
                      i32.sub
                      global.set 16
                    end
                    block  ;; label = @9
                      block  ;; label = @10
                        i32.const -2
                        i32.eqz
                        br_if 0 (;@10;)
                        nop
                        i32.const -1073741825
                        i32.eqz
                        if  ;; label = @11
                          i64.const -119
                          global.set 4
                        else
                          i32.const 12060
                          if  ;; label = @12
                            block  ;; label = @13
                              loop (result i32)  ;; label = @14
                                block  ;; label = @15
                                  global.get 16
                                  i32.eqz
                                  if  ;; label = @16
                                    i32.const -76
                                    return
                                  end
                                  global.get 16
                                  i32.const 1
                                  i32.sub
                                  global.set 16
                                end
                                i32.const 74
                              end
                              i32.eqz
                              if  ;; label = @14
                                i32.const 30
                                i32.const 15
                                i32.and
                                i32.load16_s offset=22 align=1
                                if  ;; label = @15
                                  i32.const -34
                                  i32.eqz
                                  br_if 10 (;@5;)
                                else
                                  i32.const -22
                                  i32.const 15
                                  i32.and
                                  i32.const -131073
                                  i32.store8
                                  nop
                                end
                              else
                                nop
                                i32.const -32769
                                i32.const 15
                                i32.and
                                i32.load8_s offset=22
                                br_if 4 (;@10;)
                              end
                              loop  ;; label = @14
                                block  ;; label = @15
                                  global.get 16
                                  i32.eqz
                                  if  ;; label = @16
                                    i32.const 808389174
                                    return
                                  end
                                  global.get 16
                                  i32.const 1
                                  i32.sub
                                  global.set 16
                                end
                                block  ;; label = @15
                                  block (result f32 f32 i32)  ;; label = @16
                                    i32.const 32767
                                    if  ;; label = @17
                                      nop
                                    else
                                      nop
                                    end
                                    f32.const -0x1.39581p-1 (;=-0.612;)
                                    f32.const 0x1.48p+5 (;=41;)
                                    i32.const 945846628
                                  end
                                  drop
                                  drop
                                  drop
                                  i32.const -14258
                                  i32.eqz
                                  br_if 1 (;@14;)
                                  f32.const 0x1.0ca86ap-49 (;=1.86419e-15;)
                                  f32.const 0x1.e978d4p-1 (;=0.956;)
                                  f32.gt
                                  i32.eqz
                                  if  ;; label = @16
                                    i64.const 138
                                    f32.const 0x1.ff94p+15 (;=65482;)
                                    drop
                                    drop
                                    nop
                                  else
                                    i32.const 1024
                                    i32.const 15
                                    i32.and
                                    i32.const 32768
                                    i32.store offset=4 align=1
                                    block  ;; label = @17
                                      nop
                                      nop
                                    end
                                  end
                                end
                              end
                            end
                            loop (result f64)  ;; label = @13
                              block  ;; label = @14
                                global.get 16
                                i32.eqz
                                if  ;; label = @15
                                  i32.const -511
                                  return
                                end
                                global.get 16
                                i32.const 1
                                i32.sub
                                global.set 16
                              end
                              block (result f64)  ;; label = @14
                                nop
                                f64.const -0x1.bp+6 (;=-108;)
                                i32.const 28698
                                i32.const -31414
                                i32.const -19405
                                i64.const -24462
                                v128.const i32x4 0xff80dc5a 0x0c00ff01 0x80ffa500 0x31800000
                                drop
                                drop
                                drop
                                drop
                                drop
                              end
                            end
                            global.set 3
                          else
                            nop
                            nop
                          end
                          loop (result i32)  ;; label = @12
                            block  ;; label = @13
                              global.get 16
                              i32.eqz
                              if  ;; label = @14
                                i32.const -32769
                                return
                              end
                              global.get 16
                              i32.const 1
                              i32.sub
                              global.set 16
                            end
                            block (result i32)  ;; label = @13
                              i32.const 32768
                              i32.clz
                              i32.eqz
                              if  ;; label = @14
                                loop  ;; label = @15
                                  block  ;; label = @16
                                    global.get 16
                                    i32.eqz
                                    if  ;; label = @17
                                      i32.const -87
                                      return
                                    end
                                    global.get 16
                                    i32.const 1
                                    i32.sub
                                    global.set 16
                                  end
                                  block  ;; label = @16
                                    nop
                                    i32.const -69
                                    br_if 1 (;@15;)
                                    block  ;; label = @17
                                      nop
                                      nop
                                    end
                                  end
                                end
                                nop
                              else
                                i32.const -20947
                                if (result i32)  ;; label = @15
                                  i32.const -26
                                else
                                  i32.const -16
                                end
                                i32.eqz
                                br_if 7 (;@7;)
                              end
                              block (result i32)  ;; label = @14
                                nop
                                i32.const -111
                                i32.const -14998
                                i32.ge_s
                              end
                            end
                          end
                          i32.const 15
                          i32.and
                          call 5
                          v128.load offset=22 align=4
                          v128.const i32x4 0x00000000 0x000000c5 0xffff9843 0xffffe000
                          i32.const -104
                          i32.const -7646
                          i32.const 1
                          i32.const 64
                          select
                          i32.rem_u
                          select
                          v128.store offset=4
                        end
                      end
                      global.get 3
                      call 5
                      f64.load offset=3 align=1
                      f64.lt
                      i32.const -2147483647
                      i32.const 15
                      i32.and
                      v128.load offset=3 align=1
                      f32x4.neg
                      i32x4.extract_lane 0
                      block  ;; label = @10
                        block  ;; label = @11
                          block  ;; label = @12
                            block  ;; label = @13
                              br 6 (;@7;)
                            end
                            unreachable
                          end
                          unreachable
                        end
                        unreachable
                      end
                      unreachable
                      select
                      br_if 1 (;@8;)
                      nop
                    end
                  end
                end
              end
            end
          end
          i32.const -32769
        end
      else
        i32.const -67108863
      end
      i32.add
      i32.const 0
      i32.load8_u
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      i32.const -2147483647
      i32.add
      i32.const 0
      i32.load8_u offset=1
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=2
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=3
      i32.xor
      local.set 0
      i32.const -29921
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=5
      i32.xor
      local.set 0
      local.get 0
      i32.const -6
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=6
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=7
      i32.xor
      local.set 0
      i32.const 8
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=9
      i32.xor
      local.set 0
      call 5
      i32.const 1
      i32.load8_u offset=10
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=11
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const 0
      i32.load8_u offset=12
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      loop (result i32)  ;; label = @2
        block  ;; label = @3
          global.get 16
          i32.eqz
          if  ;; label = @4
            i32.const 17
            return
          end
          global.get 16
          i32.const 1
          i32.sub
          global.set 16
        end
        block (result i32)  ;; label = @3
          block  ;; label = @4
            i32.const -7
            i32.eqz
            if  ;; label = @5
              i64.const -24505
              i32.wrap_i64
              if (result i32)  ;; label = @6
                block  ;; label = @7
                  i32.const -268435455
                  i32.const 15
                  i32.and
                  i32.const -5043841
                  v128.const i32x4 0xfffff264 0xcc000000 0x5b800000 0xcf000000
                  i8x16.extract_lane_u 13
                  memory.fill
                  br 3 (;@4;)
                end
                unreachable
              else
                global.get 10
                v128.const i32x4 0xffffffd6 0xffffffff 0xffffc822 0xffffffff
                f64x2.extract_lane 0
                f64.copysign
                i32.trunc_f64_s
                i32.eqz
                br_if 4 (;@2;)
                br 2 (;@4;)
              end
              i32.eqz
              if (result i32)  ;; label = @6
                i32.const 134
              else
                i32.const -65535
              end
              i32.eqz
              br_if 1 (;@4;)
            else
              nop
              nop
            end
            loop  ;; label = @5
              block  ;; label = @6
                global.get 16
                i32.eqz
                if  ;; label = @7
                  i32.const -127
                  return
                end
                global.get 16
                i32.const 1
                i32.sub
                global.set 16
              end
              block  ;; label = @6
                block  ;; label = @7
                  i64.const -3203
                  loop (result i64)  ;; label = @8
                    block  ;; label = @9
                      global.get 16
                      i32.eqz
                      if  ;; label = @10
                        i32.const 65534
                        return
                      end
                      global.get 16
                      i32.const 1
                      i32.sub
                      global.set 16
                    end
                    block (result i64)  ;; label = @9
                      block  ;; label = @10
                        loop  ;; label = @11
                          block  ;; label = @12
                            global.get 16
                            i32.eqz
                            if  ;; label = @13
                              i32.const 1
                              return
                            end
                            global.get 16
                            i32.const 1
                            i32.sub
                            global.set 16
                          end
                          block  ;; label = @12
                            nop
                            i32.const -2147483648
                            if  ;; label = @13
                              nop
                            else
                              block  ;; label = @14
                                nop
                              end
                              i32.const -60
                              i32.eqz
                              br_if 8 (;@5;)
                            end
                          end
                        end
                        nop
                      end
                      i32.const -4194305
                      br_if 1 (;@8;)
                      i64.const 32769
                    end
                  end
                  i64.shl
                  drop
                end
                i32.const -117
                br_if 1 (;@5;)
                i32.const -255
                i32.const 15
                i32.and
                block (result v128)  ;; label = @7
                  i32.const -26
                  i32.eqz
                  if (result i32)  ;; label = @8
                    call 5
                  else
                    block (result i32)  ;; label = @9
                      i32.const 4096
                      if  ;; label = @10
                        nop
                      else
                        nop
                      end
                      i32.const 0
                    end
                    i32.const 15
                    i32.and
                    i32.load16_s offset=4 align=1
                    i32.const -954962897
                    i32.div_u
                    br_if 3 (;@5;)
                    i32.const -34
                  end
                  i32.const 15
                  i32.and
                  i32.load8_s offset=22
                  if  ;; label = @8
                    global.get 15
                    i8x16.extract_lane_s 0
                    f64.const 0x1.0000000096873p+31 (;=2.14748e+09;)
                    i32.trunc_sat_f64_s
                    i32.const 256
                    select
                    i32.const 15
                    i32.and
                    loop (result i32)  ;; label = @9
                      block  ;; label = @10
                        global.get 16
                        i32.eqz
                        if  ;; label = @11
                          i32.const -32767
                          return
                        end
                        global.get 16
                        i32.const 1
                        i32.sub
                        global.set 16
                      end
                      i32.const -32767
                    end
                    i32.const -25313
                    memory.fill
                    nop
                  else
                    i32.const 262144
                    br_if 4 (;@4;)
                    loop (result i32)  ;; label = @9
                      block  ;; label = @10
                        global.get 16
                        i32.eqz
                        if  ;; label = @11
                          i32.const -2147483647
                          return
                        end
                        global.get 16
                        i32.const 1
                        i32.sub
                        global.set 16
                      end
                      block (result i32)  ;; label = @10
                        block  ;; label = @11
                          i32.const 131073
                          i32.eqz
                          if  ;; label = @12
                            nop
                          else
                            i32.const -109
                            if  ;; label = @13
                              i32.const -67108865
                              i32.const 15
                              i32.and
                              i32.const -4
                              i32.store16 offset=22
                            else
                              nop
                              i32.const 128
                              i32.eqz
                              br_if 11 (;@2;)
                            end
                          end
                          loop  ;; label = @12
                            block  ;; label = @13
                              global.get 16
                              i32.eqz
                              if  ;; label = @14
                                i32.const 33554432
                                return
                              end
                              global.get 16
                              i32.const 1
                              i32.sub
                              global.set 16
                            end
                            block  ;; label = @13
                              nop
                              i32.const -20954
                              i32.eqz
                              br_if 9 (;@4;)
                            end
                          end
                        end
                        i32.const -10704
                        v128.load offset=4 align=1
                        i16x8.extract_lane_u 1
                        i32.const -110
                        i32.const 15
                        i32.and
                        i32.load16_u offset=22
                        i32.const 0
                        select
                        i32.eqz
                        br_if 1 (;@9;)
                        i32.const -268435455
                      end
                    end
                    i32.const 15
                    i32.and
                    loop (result v128)  ;; label = @9
                      block  ;; label = @10
                        global.get 16
                        i32.eqz
                        if  ;; label = @11
                          i32.const 32767
                          return
                        end
                        global.get 16
                        i32.const 1
                        i32.sub
                        global.set 16
                      end
                      block (result v128)  ;; label = @10
                        loop  ;; label = @11
                          block  ;; label = @12
                            global.get 16
                            i32.eqz
                            if  ;; label = @13
                              i32.const 65469
                              return
                            end
                            global.get 16
                            i32.const 1
                            i32.sub
                            global.set 16
                          end
                          block  ;; label = @12
                            nop
                            i32.const -55
                            br_if 1 (;@11;)
                            loop  ;; label = @13
                              block  ;; label = @14
                                global.get 16
                                i32.eqz
                                if  ;; label = @15
                                  i32.const 153
                                  return
                                end
                                global.get 16
                                i32.const 1
                                i32.sub
                                global.set 16
                              end
                              block  ;; label = @14
                                i32.const -1
                                i32.const -1
                                i32.const -2147483647
                                select
                                i32.const 3
                                i32.const 5
                                memory.init 6
                                nop
                              end
                            end
                          end
                        end
                        v128.const i32x4 0xffff7f01 0xf20082e6 0x0101f001 0x00003c66
                      end
                    end
                    v128.store offset=22 align=4
                  end
                  v128.const i32x4 0xa052cbff 0x8cd20002 0x02150200 0x80bcf807
                end
                v128.store offset=22 align=1
              end
            end
          end
          i32.const -21
          br_if 1 (;@2;)
          i32.const -179693565
        end
      end
      i32.add
      i32.const 0
      i32.load8_u offset=13
      i32.xor
      local.set 0
      local.get 0
      i32.const 5
      i32.shl
      local.get 0
      i32.add
      i32.const -1
      i32.load8_u offset=14
      i32.xor
      local.set 0
      i32.const -32767
      i32.const -37
      i32.add
      i32.const -2179
      i32.xor
      local.set 0
      local.get 0
    end)
  (func (;6;) (type 7)
    i32.const 10
    global.set 16)
  (table (;0;) 0 funcref)
  (memory (;0;) 16 17)
  (global (;0;) (mut f32) (f32.const 0x1.2p+3 (;=9;)))
  (global (;1;) (mut f32) (f32.const -0x1.fffffep+127 (;=-3.40282e+38;)))
  (global (;2;) (mut f64) (f64.const 0x1.d07p+13 (;=14862;)))
  (global (;3;) (mut f64) (f64.const 0x1.8p+6 (;=96;)))
  (global (;4;) (mut i64) (i64.const 4294967294))
  (global (;5;) (mut f32) (f32.const 0x1.ff1ep+15 (;=65423;)))
  (global (;6;) (mut v128) (v128.const i32x4 0xffffe249 0xffffffff 0xffffffdd 0xffffffff))
  (global (;7;) (mut f64) (f64.const 0x1p+58 (;=2.8823e+17;)))
  (global (;8;) (mut i64) (i64.const -32769))
  (global (;9;) (mut f32) (f32.const -0x1p+63 (;=-9.22337e+18;)))
  (global (;10;) (mut f64) (f64.const -nan:0xfffffffffad4e (;=-nan;)))
  (global (;11;) (mut i64) (i64.const 4294967270))
  (global (;12;) (mut f32) (f32.const -nan:0x7ff050 (;=-nan;)))
  (global (;13;) (mut i64) (i64.const 4294967295))
  (global (;14;) (mut i64) (i64.const 8589934592))
  (global (;15;) (mut v128) (v128.const i32x4 0x00002755 0x00020000 0xfffe0040 0xfffb230b))
  (global (;16;) (mut i32) (i32.const 10))
  (export "hashMemory" (func 5))
  (export "memory" (memory 0))
  (export "hangLimitInitializer" (func 6))
  (elem (;0;) (i32.const 0) func)
  (data (;0;) "\82\10X\02\9e+\a8=\83s\c1\9bq.")
  (data (;1;) (i32.const 0) "?\0a\eb\b2\d4\cc\f9\f7l\14\a3\f0\f6\db{\8e\eb\b42\fdZ\df\e8,p\84\bc\bd")
  (data (;2;) (i32.const 28) "\04\80")
  (data (;3;) "$Vp\d9\c0\e7ws\d3 \1a\ab((")
  (data (;4;) (i32.const 30) "\c8U\0b3\b1\e9\f4Yu\e9\f6\eaZ")
  (data (;5;) (i32.const 43) "\d9\16G@\8f\c8{\14\c3\ae")
  (data (;6;) "5\f2\ba\f4\cd\11\e0\90?w\9d"))
